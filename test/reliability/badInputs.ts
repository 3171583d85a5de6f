/**
 * Bad values a user can give, each with the field its error must name (by the core's id:
 * each surface names it by its own label) and part of what it must say is allowed. The suite runs every value through each surface that can carry it.
 * "Today" is 2026-11-25 in China: WeCom keeps 2026-05-29 to 2026-11-24.
 */
import { ref, say, type InputField, type InputText } from '../../core/errors/inputFields';
import { CORP_ID, SECRET } from './knownSecrets';

export const TODAY = '2026-11-25';
/** 10:00 on TODAY in China. */
export const NOW = new Date('2026-11-25T02:00:00Z');

/** What a user can set, by meaning; each surface maps it to its own fields. */
export interface UserInput {
  mode?: unknown;
  dates?: { preset?: unknown; from?: unknown; to?: unknown; clamp?: boolean };
  owners?: unknown;
  orderBy?: unknown;
  /** The core's and msg.payload's sort flag. */
  ascending?: unknown;
  /** n8n's and the Node-RED node's Sort Direction, which sets `ascending`. */
  sortDirection?: unknown;
  limit?: unknown;
  /** By owner: combined or perWindow (n8n's Options, the Node-RED property, msg.payload.ownerRecords). */
  ownerRecords?: unknown;
  concurrency?: unknown;
  baseUrl?: unknown;
  corpId?: unknown;
  corpSecret?: unknown;
}

export type InputKey = keyof UserInput;

export interface BadInput {
  name: string;
  /** The bad part; `host` is the emulator's 127.0.0.1:port, so a wrong URL would reach it. */
  input: UserInput | ((host: string) => UserInput);
  field: InputField;
  /** Part of what is allowed; fields it names are rendered with each surface's labels. */
  allowed: InputText | string;
}

/** A valid by-owner query and connection: each bad input replaces part of it. */
export function baseline(host: string): UserInput {
  return {
    mode: 'byOwner',
    dates: { from: '2026-11-01', to: '2026-11-03' },
    owners: 'owner_00001, owner_00002',
    orderBy: 'chatTotal',
    ascending: false,
    sortDirection: 'descending',
    limit: 10,
    concurrency: 4,
    baseUrl: `http://${host}`,
    corpId: CORP_ID,
    corpSecret: SECRET,
  };
}

export function inputOf(bad: BadInput, host: string): UserInput {
  return typeof bad.input === 'function' ? bad.input(host) : bad.input;
}

const DATE = 'YYYY-MM-DD (or YYYYMMDD)';
const OWNERS = 'user IDs (1-64 letters, digits and _-@. starting with a letter or digit)';
const LIMIT = 'a whole number from 1 to 1000';
const CONCURRENCY = 'a whole number from 1 to 50';
const OWNER_RECORDS = 'combined, perWindow';
const URL = 'an http:// or https:// URL';

const from = (value: unknown): UserInput => ({ dates: { from: value, to: '2026-11-03' } });
const to = (value: unknown): UserInput => ({ dates: { from: '2026-11-01', to: value } });

export const BAD_INPUTS: BadInput[] = [
  // Dates in formats that are not dates.
  { name: 'From with slashes', input: from('2026/11/01'), field: 'from', allowed: DATE },
  { name: 'From day first with dots', input: from('01.11.2026'), field: 'from', allowed: DATE },
  { name: 'From in US order', input: from('11/01/2026'), field: 'from', allowed: DATE },
  { name: 'From without zero padding', input: from('2026-11-1'), field: 'from', allowed: DATE },
  { name: 'From as English text', input: from('Nov 1, 2026'), field: 'from', allowed: DATE },
  { name: 'From as a relative word', input: from('yesterday'), field: 'from', allowed: DATE },
  { name: 'From in month 13', input: from('2026-13-01'), field: 'from', allowed: DATE },
  { name: 'From on 30 February', input: from('2026-02-30'), field: 'from', allowed: DATE },
  { name: 'From at hour 25', input: from('2026-11-01T25:00:00'), field: 'from', allowed: DATE },
  { name: 'From as an impossible compact date', input: from('20261301'), field: 'from', allowed: DATE },
  { name: 'From as a negative number', input: from(-1), field: 'from', allowed: DATE },
  { name: 'From as a boolean', input: from(true), field: 'from', allowed: DATE },
  { name: 'From as an object', input: from({ day: 1 }), field: 'from', allowed: DATE },
  { name: 'From missing in a custom range', input: { dates: { from: '', to: '2026-11-03' } }, field: 'from', allowed: say`a ${ref('from')} date` },
  { name: 'To on 31 November', input: to('2026-11-31'), field: 'to', allowed: DATE },
  { name: 'To as a word', input: to('tomorrow'), field: 'to', allowed: DATE },
  // Days WeCom does not have.
  { name: 'From after To', input: { dates: { from: '2026-11-10', to: '2026-11-01' } }, field: 'from', allowed: say`a ${ref('from')} on or before ${ref('to')}` },
  // To left empty is From's day: the error names From, the field the user filled.
  { name: 'today', input: { dates: { from: TODAY } }, field: 'from', allowed: say`a day up to 2026-11-24, or turn on ${ref('clamp')}` },
  { name: 'today as epoch seconds', input: { dates: { from: String(Date.parse('2026-11-25T09:00:00+08:00') / 1000) } }, field: 'from', allowed: 'a day up to 2026-11-24' },
  { name: 'a UTC time that is already today in China', input: { dates: { from: '2026-11-24T16:30:00Z' } }, field: 'from', allowed: 'a day up to 2026-11-24' },
  { name: 'a future To', input: to('2026-12-01'), field: 'to', allowed: say`a day up to 2026-11-24, or turn on ${ref('clamp')}` },
  { name: 'a day years ahead', input: { dates: { from: '2030-01-01' } }, field: 'from', allowed: 'a day up to 2026-11-24' },
  { name: 'From and To both ahead', input: { dates: { from: '2026-12-01', to: '2026-12-05' } }, field: 'from', allowed: 'a day up to 2026-11-24' },
  {
    name: 'older than 180 days without clamp',
    input: { dates: { from: '2026-05-28', to: '2026-06-10' } },
    field: 'from',
    allowed: say`a day from 2026-05-29, or turn on ${ref('clamp')}`,
  },
  {
    name: 'clamped, but no day kept',
    input: { dates: { from: '2025-01-01', to: '2025-02-01', clamp: true } },
    field: 'dates',
    allowed: 'days from 2026-05-29 to 2026-11-24',
  },
  { name: 'a preset and From together', input: { dates: { preset: 'yesterday', from: '2026-11-01' } }, field: 'dates', allowed: say`either a preset or ${ref('from')}/${ref('to')}` },
  // Presets and modes.
  { name: 'an unknown preset', input: { dates: { preset: 'lastYear' } }, field: 'preset', allowed: 'yesterday, last7Days, last30Days' },
  { name: 'a preset in the wrong case', input: { dates: { preset: 'Last7Days' } }, field: 'preset', allowed: 'yesterday, last7Days, last30Days' },
  { name: 'an unknown mode', input: { mode: 'weekly' }, field: 'mode', allowed: 'byOwner, byDay' },
  { name: 'a mode in the wrong case', input: { mode: 'ByDay' }, field: 'mode', allowed: 'byOwner, byDay' },
  { name: 'a mode as a number', input: { mode: 1 }, field: 'mode', allowed: 'byOwner, byDay' },
  // Owners.
  { name: 'owners that are numbers', input: { owners: [1, 2] }, field: 'owners', allowed: 'an array of strings' },
  { name: 'an owner that is null', input: { owners: ['owner_00001', null] }, field: 'owners', allowed: 'an array of strings' },
  { name: 'owners as a single number', input: { owners: 42 }, field: 'owners', allowed: OWNERS },
  { name: 'an empty owner list', input: { owners: [] }, field: 'owners', allowed: OWNERS },
  { name: 'owners text with separators only', input: { owners: ' ,\n ;' }, field: 'owners', allowed: OWNERS },
  { name: 'an owner ID with a #', input: { owners: 'owner_00001, owner#2' }, field: 'owners', allowed: OWNERS },
  { name: 'an owner ID of 65 characters', input: { owners: `a${'b'.repeat(64)}` }, field: 'owners', allowed: OWNERS },
  // Sorting and limit.
  { name: 'an unknown sort field', input: { orderBy: 'popularity' }, field: 'orderBy', allowed: 'newChatCount, chatTotal, newMemberCount, memberTotal' },
  { name: "WeCom's numeric order_by", input: { orderBy: 2 }, field: 'orderBy', allowed: 'newChatCount, chatTotal, newMemberCount, memberTotal' },
  { name: 'an inherited property as sort field', input: { orderBy: 'toString' }, field: 'orderBy', allowed: 'newChatCount, chatTotal, newMemberCount, memberTotal' },
  { name: 'ascending as text', input: { ascending: 'yes' }, field: 'ascending', allowed: 'true or false' },
  { name: 'ascending as a number', input: { ascending: 1 }, field: 'ascending', allowed: 'true or false' },
  { name: 'an unknown sort direction', input: { sortDirection: 'sideways' }, field: 'ascending', allowed: 'descending, ascending' },
  { name: 'a limit of 0', input: { limit: 0 }, field: 'limit', allowed: LIMIT },
  { name: 'a limit of 1001', input: { limit: 1001 }, field: 'limit', allowed: LIMIT },
  { name: 'a limit of 2.5', input: { limit: 2.5 }, field: 'limit', allowed: LIMIT },
  { name: 'a negative limit', input: { limit: -5 }, field: 'limit', allowed: LIMIT },
  { name: 'a limit in words', input: { limit: 'ten' }, field: 'limit', allowed: LIMIT },
  { name: 'a limit of NaN', input: { limit: Number.NaN }, field: 'limit', allowed: LIMIT },
  // One record per owner for the range, or per window.
  { name: 'an unknown owner records choice', input: { ownerRecords: 'weekly' }, field: 'ownerRecords', allowed: OWNER_RECORDS },
  { name: 'owner records in the wrong case', input: { ownerRecords: 'PerWindow' }, field: 'ownerRecords', allowed: OWNER_RECORDS },
  { name: 'owner records as a boolean', input: { ownerRecords: true }, field: 'ownerRecords', allowed: OWNER_RECORDS },
  { name: 'owner records as a number', input: { ownerRecords: 2 }, field: 'ownerRecords', allowed: OWNER_RECORDS },
  // Concurrency.
  { name: 'a concurrency of 0', input: { concurrency: 0 }, field: 'concurrency', allowed: CONCURRENCY },
  { name: 'a concurrency of 51', input: { concurrency: 51 }, field: 'concurrency', allowed: CONCURRENCY },
  { name: 'a concurrency of 1.5', input: { concurrency: 1.5 }, field: 'concurrency', allowed: CONCURRENCY },
  { name: 'a concurrency in words', input: { concurrency: 'many' }, field: 'concurrency', allowed: CONCURRENCY },
  { name: 'an infinite concurrency', input: { concurrency: Number.POSITIVE_INFINITY }, field: 'concurrency', allowed: CONCURRENCY },
  // Connection.
  { name: 'a base URL without its colon', input: (host) => ({ baseUrl: `http//${host}` }), field: 'baseUrl', allowed: URL },
  { name: 'a base URL without a scheme', input: (host) => ({ baseUrl: host }), field: 'baseUrl', allowed: URL },
  { name: 'a blank base URL', input: { baseUrl: '   ' }, field: 'baseUrl', allowed: URL },
  { name: 'an ftp: base URL', input: (host) => ({ baseUrl: `ftp://${host}/` }), field: 'baseUrl', allowed: URL },
  { name: 'a javascript: base URL', input: (host) => ({ baseUrl: `javascript:fetch('http://${host}/')` }), field: 'baseUrl', allowed: URL },
  { name: 'a file: base URL', input: { baseUrl: 'file:///etc/passwd' }, field: 'baseUrl', allowed: URL },
  { name: 'a ws: base URL', input: (host) => ({ baseUrl: `ws://${host}` }), field: 'baseUrl', allowed: URL },
  { name: 'a base URL with a query', input: (host) => ({ baseUrl: `http://${host}/?corpsecret=x` }), field: 'baseUrl', allowed: URL },
  { name: 'a base URL with user info', input: (host) => ({ baseUrl: `http://admin:pw@${host}` }), field: 'baseUrl', allowed: URL },
  { name: 'an empty corp ID', input: { corpId: '' }, field: 'corpId', allowed: 'the corp ID (企业ID)' },
  { name: 'a blank corp ID', input: { corpId: ' \t ' }, field: 'corpId', allowed: 'the corp ID (企业ID)' },
  { name: 'an empty secret', input: { corpSecret: '' }, field: 'corpSecret', allowed: 'the Customer Contact secret' },
  { name: 'a blank secret', input: { corpSecret: '  ' }, field: 'corpSecret', allowed: 'the Customer Contact secret' },
];

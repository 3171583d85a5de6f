import { RETENTION_DAYS } from '../../core/dates/dayRange';
import { hintFor } from '../../core/errors/hints';
import { WeComError } from '../../core/errors/WeComError';
import { LostDaysError } from '../../core/history/lostDays';
import type { NodeRedNode, NodeRedRuntime } from './nodeRedTypes';

const FAILURE = 'wecom-groupchat-statistic.failure.';
/** The hints' translations sit in the config node's catalog: the editor's connection test reads them too. */
const HINTS = 'n8n-nodes-wecom-groupchat/wecom-config:wecom-config.hints.';

/**
 * A catalog's translation of a text the core writes in English. The en-US catalogs leave
 * these out (the core's text is the English one): a missing key means "keep the core's".
 */
function translation(RED: NodeRedRuntime, key: string, substitutions?: Record<string, unknown>): string | undefined {
  const text = RED._(key, substitutions);
  return text === key || key.endsWith(`:${text}`) ? undefined : text;
}

/** Our hint in the runtime's language; a hint made for this one failure stays the core's. */
export function localHint(RED: NodeRedRuntime, error: WeComError): string | undefined {
  if (error.errcode === undefined || error.hint === undefined || error.hint !== hintFor(error.errcode)) return error.hint;
  return translation(RED, `${HINTS}${error.errcode}`) ?? error.hint;
}

/** Our hint first, then WeCom's own words: its errmsg ends with its request hint and "more info at" link. */
function wecomText(RED: NodeRedRuntime, error: WeComError): string {
  const detail = error.errcode === undefined ? error.errmsg : RED._(`${FAILURE}errcode`, { errcode: error.errcode, errmsg: error.errmsg });
  const said = RED._(`${FAILURE}${error.attempts > 1 ? 'wecomRetried' : 'wecom'}`, { endpoint: error.endpoint, attempts: error.attempts, detail });
  const hint = localHint(RED, error);
  return hint ? `${hint} ${said}` : said;
}

function lostText(RED: NodeRedRuntime, error: LostDaysError): string {
  const { days } = error;
  const key = `${FAILURE}${days.length === 1 ? 'lostOne' : 'lostMany'}`;
  return translation(RED, key, { first: days[0], last: days.at(-1), days: days.length, retention: RETENTION_DAYS }) ?? error.message;
}

/** What a failure tells Node-RED users, labelled with the node's name when it has one. */
export function failureMessage(RED: NodeRedRuntime, node: NodeRedNode, error: unknown): string {
  const text =
    error instanceof WeComError ? wecomText(RED, error) : error instanceof LostDaysError ? lostText(RED, error) : error instanceof Error ? error.message : String(error);
  return node.name ? RED._(`${FAILURE}named`, { name: node.name, message: text }) : text;
}

/**
 * The error for done() and node.error(): a copy of the original (its class and details,
 * which Catch nodes and msg.wecom.error read) with that message.
 */
export function nodeFailure(RED: NodeRedRuntime, node: NodeRedNode, error: unknown): Error {
  const message = failureMessage(RED, node, error);
  if (!(error instanceof Error)) return new Error(message);
  if (message === error.message) return error;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as Error, error);
  const header = `${error.name}: ${error.message}`;
  const frames = error.stack?.startsWith(header) ? error.stack.slice(header.length) : '';
  Object.defineProperty(copy, 'message', { value: message, writable: true, configurable: true });
  Object.defineProperty(copy, 'stack', { value: `${error.name}: ${message}${frames}`, writable: true, configurable: true });
  return copy;
}

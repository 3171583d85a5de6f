#!/usr/bin/env node
// The README's first command: starts the WeCom emulator on a free loopback port, fetches
// the last 90 days by day and by owner for every member with Customer Contact through the
// core client, prints a summary and the API call counts, writes CSV and JSON, and stops.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { WeComClient, startEmulator, flattenRecord, ALL_OWNERS } = require('..');

const OWNERS = Number(process.env.DEMO_OWNERS ?? 300);
const OUT_DIR = path.resolve(process.env.DEMO_OUT ?? 'out/demo');

async function main() {
  const emulator = await startEmulator({ port: 0, owners: OWNERS, seed: 2026 });
  try {
    console.log(`WeCom emulator at ${emulator.baseUrl} with ${OWNERS} members with Customer Contact`);
    const client = new WeComClient({ baseUrl: emulator.baseUrl, corpId: emulator.corpId, corpSecret: emulator.corpSecret });
    const byDay = await collect(client, 'byDay');
    const byOwner = await collect(client, 'byOwner');

    printDays(byDay.records);
    printTopOwners(byOwner.records);
    printCalls(client, emulator, [byDay.plan, byOwner.plan]);

    fs.mkdirSync(OUT_DIR, { recursive: true });
    writeOutputs('by-day', byDay.records);
    writeOutputs('by-owner', byOwner.records);
    console.log(`\nWrote CSV and JSON to ${OUT_DIR}`);
  } finally {
    await emulator.close();
  }
}

async function collect(client, mode) {
  const query = { mode, dates: { preset: 'last90Days' }, owners: ALL_OWNERS };
  const result = await client.collectStatistics(query, {
    onProgress: (p) => progress(`${mode}: ${p.requestsDone}/${p.requestsPlanned} requests, ${p.records} records`),
  });
  progress('');
  return result;
}

function progress(line) {
  if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(60)}\r`);
}

function printDays(days) {
  console.log('\nBy day, the last 7 of 90 days (all owners summed):');
  console.table(
    days.slice(-7).map((d) => ({
      date: d.date,
      'new chats': d.data.new_chat_cnt,
      'chats total': d.data.chat_total,
      'new members': d.data.new_member_cnt,
      'members total': d.data.member_total,
      messages: d.data.msg_total,
    })),
  );
  const sum = (field) => days.reduce((total, d) => total + d.data[field], 0);
  console.log(`90 days: ${sum('new_chat_cnt')} new chats, ${sum('new_member_cnt')} new members.`);
}

function printTopOwners(owners) {
  const latest = owners.at(-1);
  const window = owners.filter((r) => r.start_date === latest.start_date);
  console.log(`\nTop 5 owners by new chats, ${latest.start_date} to ${latest.end_date} (one of ${new Set(owners.map((r) => r.start_date)).size} windows):`);
  console.table(window.slice(0, 5).map((r) => ({ owner: r.owner, 'new chats': r.data.new_chat_cnt, 'chats total': r.data.chat_total, 'new members': r.data.new_member_cnt })));
}

function printCalls(client, emulator, plans) {
  console.log('\nAPI calls made by the client:', client.calls);
  const planned = plans.reduce((total, plan) => total + plan.requestCount, 0);
  console.log(`Statistic calls planned: ${planned} (windows x owner batches); the emulator logged ${emulator.callCount()} requests in all.`);
}

function writeOutputs(name, records) {
  const rows = records.map(flattenRecord);
  fs.writeFileSync(path.join(OUT_DIR, `${name}.json`), `${JSON.stringify(rows, null, 2)}\n`);
  fs.writeFileSync(path.join(OUT_DIR, `${name}.csv`), toCsv(rows));
}

function toCsv(rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value) => {
    const text = value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\n') + '\n';
}

main().catch((error) => {
  console.error(`Demo failed: ${error.message}`);
  process.exitCode = 1;
});

/**
 * `npm run demo`: starts the WeCom emulator with a realistic company, runs the main job
 * (last 90 days, by day and by owner, every member with Customer Contact) through the n8n
 * node in n8n's own engine and through the Node-RED node in an embedded Node-RED, checks
 * that both hosts return the same records, prints a summary and the calls each made, and
 * writes CSV files and an HTML report. Everything it starts is stopped before it exits.
 *
 * DEMO_OWNERS (default 300) sets the company size, DEMO_OUT (default out/demo) the folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { WeComClient } from '../../core/client';
import { ALL_OWNERS } from '../../core/query/owners';
import type { FlatRecord } from '../../core/records/shape';
import { ENDPOINTS, startEmulator, type Emulator } from '../../emulator';
import { nodeRedStatisticConfig, viaN8n, viaNodeRed, type MainJob } from '../hosts/mainJob';
import { InProcessN8n, releaseN8nResources } from '../hosts/n8n/engine';
import { EmbeddedNodeRed } from '../hosts/node-red/embeddedNodeRed';
import { packageVersion } from '../hosts/packageVersion';
import { toCsv } from './csv';
import { renderReport } from './htmlReport';
import type { DayRow, OwnerRow } from './ranking';
import { printCalls, printDays, printTopOwners, type HostCalls } from './summary';

const OUT_DIR = resolve(process.env.DEMO_OUT ?? 'out/demo');
const JOBS: MainJob[] = [
  { mode: 'byDay', preset: 'last90Days' },
  { mode: 'byOwner', preset: 'last90Days' },
];

function ownersSetting(value = '300'): number {
  const owners = Number(value);
  if (!Number.isInteger(owners) || owners < 1 || owners > 99_999) {
    throw new Error(`DEMO_OWNERS must be a whole number of members from 1 to 99999, got "${value}"`);
  }
  return owners;
}

interface HostResult extends HostCalls {
  byDay: FlatRecord[];
  byOwner: FlatRecord[];
}

/** A live progress line on a terminal, one line per step otherwise. */
function progress(emulator: Emulator, label: string): () => void {
  if (!process.stderr.isTTY) {
    process.stderr.write(`${label} ...\n`);
    return () => undefined;
  }
  const draw = (): boolean => process.stderr.write(`\r${`${label}: ${emulator.callCount()} WeCom calls so far`.padEnd(70)}`);
  draw();
  const timer = setInterval(draw, 200);
  return () => {
    clearInterval(timer);
    process.stderr.write(`\r${''.padEnd(70)}\r`);
  };
}

async function runHost(emulator: Emulator, host: string, run: (job: MainJob) => Promise<FlatRecord[]>): Promise<HostResult> {
  emulator.clearLog();
  const records: FlatRecord[][] = [];
  for (const job of JOBS) {
    const done = progress(emulator, `${host}, ${job.mode === 'byDay' ? 'by day' : 'by owner'}`);
    try {
      records.push(await run(job));
    } finally {
      done();
    }
  }
  const calls = Object.fromEntries(ENDPOINTS.map((endpoint) => [endpoint, emulator.callCount(endpoint)]));
  return { host, calls, byDay: records[0], byOwner: records[1] };
}

async function plannedStatisticCalls(emulator: Emulator): Promise<number> {
  const client = new WeComClient(emulator);
  let planned = 0;
  for (const job of JOBS) planned += (await client.plan({ mode: job.mode, dates: { preset: job.preset }, owners: ALL_OWNERS })).requestCount;
  return planned;
}

function compare(a: HostResult, b: HostResult): void {
  for (const mode of ['byDay', 'byOwner'] as const) {
    if (!isDeepStrictEqual(a[mode], b[mode])) {
      throw new Error(`${a.host} and ${b.host} returned different ${mode} records (${a[mode].length} and ${b[mode].length})`);
    }
  }
  console.log(`\nBoth hosts returned the same records: ${a.byDay.length} by day, ${a.byOwner.length} by owner.`);
}

function write(result: HostResult, emulator: Emulator, owners: number): void {
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(resolve(OUT_DIR, 'by-day.csv'), toCsv(result.byDay));
  writeFileSync(resolve(OUT_DIR, 'by-owner.csv'), toCsv(result.byOwner));
  const report = renderReport({
    days: result.byDay as DayRow[],
    owners: result.byOwner as OwnerRow[],
    ownerCount: owners,
    source: `the WeCom emulator at ${emulator.baseUrl}`,
    generatedAt: new Date(),
  });
  writeFileSync(resolve(OUT_DIR, 'report.html'), report);
  console.log(`\nWrote by-day.csv, by-owner.csv and report.html (open it in a browser) to ${OUT_DIR}`);
}

async function main(): Promise<void> {
  const cleanup: (() => Promise<void> | void)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };
  process.once('SIGINT', () => {
    process.stderr.write('\nStopping ...\n');
    void stopAll().finally(() => process.exit(130));
  });
  try {
    const owners = ownersSetting(process.env.DEMO_OWNERS);
    const emulator = await startEmulator({ port: 0, owners, seed: 2026 });
    cleanup.push(() => emulator.close());
    console.log(`WeCom emulator at ${emulator.baseUrl}: a company with ${owners} members with Customer Contact.`);
    const planned = await plannedStatisticCalls(emulator);
    console.log(
      `Running the last 90 days, by day and by owner, through the n8n node (n8n-core ${packageVersion('n8n-core')}, in process) ` +
        `and the Node-RED node (Node-RED ${packageVersion('node-red')}, embedded).`,
    );

    const n8n = new InProcessN8n(emulator);
    cleanup.push(releaseN8nResources);
    const n8nResult = await runHost(emulator, 'n8n', (job) => viaN8n(n8n, job));

    const red = await EmbeddedNodeRed.start();
    cleanup.push(() => red.stop());
    await red.deploy(emulator, nodeRedStatisticConfig());
    const nodeRedResult = await runHost(emulator, 'Node-RED', (job) => viaNodeRed(red, job));

    printDays(n8nResult.byDay as DayRow[]);
    printTopOwners(n8nResult.byOwner as OwnerRow[], n8nResult.byDay.length);
    printCalls([n8nResult, nodeRedResult], planned);
    compare(n8nResult, nodeRedResult);
    write(n8nResult, emulator, owners);
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

/**
 * `npm run bench`: each scenario through the core, the n8n node (n8n-core's engine, in
 * process) and the Node-RED node (embedded), against the emulator in its own process with a
 * fixed latency per request; the same work the one-at-a-time way; core shaping with the
 * network taken out. Prints a markdown table and writes it to bench/results.md.
 *
 *   --scenarios 1,2,3,4,5 which to run ("smoke,smoke-faults" are small ones for CI)
 *   --latency 50          milliseconds the emulator waits before each answer
 *   --out FILE            where the table goes (default bench/results.md)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { WeComClient } from '../../core/client';
import { DEFAULT_CONCURRENCY } from '../../core/connectionSettings';
import { formatDay, todayInChina } from '../../core/dates/chinaDay';
import { presetRange } from '../../core/dates/presets';
import { createAxiosTransport } from '../../core/http/axiosTransport';
import { splitIntoBatches } from '../../core/plan/batches';
import { splitIntoWindows } from '../../core/plan/windows';
import type { FlatRecord } from '../../core/records/shape';
import { MemoryTokenStore } from '../../core/token/tokenStore';
import { nodeRedStatisticConfig, viaCore, viaN8n, viaNodeRed, viaNodeRedEach, type MainJob } from '../hosts/mainJob';
import { InProcessN8n, releaseN8nResources } from '../hosts/n8n/engine';
import { EmbeddedNodeRed } from '../hosts/node-red/embeddedNodeRed';
import { packageVersion } from '../hosts/packageVersion';
import { EmulatorProcess } from './emulatorProcess';
import { measure } from './measure';
import { oneAtATime } from './oneAtATime';
import { AnswerRecorder } from './replay';
import { markdown, targets, type PathName, type PathResult, type ScenarioResult } from './results';
import { SCENARIOS, type Scenario } from './scenarios';

const SHAPING_RUNS = 5;

const say = (line: string): boolean => process.stderr.write(`${line}\n`);

async function runScenario(scenario: Scenario, latencyMs: number, red: EmbeddedNodeRed): Promise<ScenarioResult> {
  const job: MainJob = { mode: scenario.mode, preset: scenario.preset, ownerRecords: scenario.ownerRecords };
  const range = presetRange(scenario.preset, todayInChina());
  const statisticCalls = splitIntoWindows(range).length * splitIntoBatches(Array.from({ length: scenario.owners })).length;
  const minimumCalls = 2 + statisticCalls; // gettoken + owner list + windows x batches x one page
  const emulator = await EmulatorProcess.start({ owners: scenario.owners, members: scenario.members, latencyMs, faultSeed: scenario.faultSeed });
  try {
    say(`Scenario ${scenario.id}: ${scenario.title} (${formatDay(range.from)} to ${formatDay(range.to)}, minimum ${minimumCalls} calls)`);
    // A fault-free run first: the records every path must return, and a warm emulator.
    say('  reference run, no faults ...');
    const reference = await viaCore(new WeComClient(emulator), job);
    if (scenario.faults) await emulator.setFaults(scenario.faults);
    const paths: PathResult[] = [];
    // A large scenario's answers are not recorded for the replay: they would sit in the heap being measured.
    const recorder = scenario.large ? undefined : new AnswerRecorder();
    const runPath = async (path: PathName, task: () => Promise<FlatRecord[]>): Promise<void> => {
      await emulator.resetLog();
      say(`  ${path} ...`);
      const { result: records, ...figures } = await measure(task);
      paths.push({ path, calls: (await emulator.calls()).total, records: records.length, agrees: isDeepStrictEqual(records, reference), ...figures });
    };
    await runPath('core', () =>
      viaCore(new WeComClient({ ...emulator, tokenStore: new MemoryTokenStore(), transport: recorder?.wrap(createAxiosTransport()) }), job),
    );
    const n8n = new InProcessN8n(emulator);
    await runPath('n8n node', () => viaN8n(n8n, job));
    await red.deploy(emulator, nodeRedStatisticConfig());
    await runPath('Node-RED node', () => viaNodeRed(red, job));
    if (!recorder) {
      paths.push(await perWindowOneMessageEach(scenario, emulator, red, splitIntoWindows(range).length * scenario.owners));
      return { id: scenario.id, title: scenario.title, faulty: false, minimumCalls, boundSeconds: (minimumCalls / DEFAULT_CONCURRENCY) * (latencyMs / 1000), paths };
    }

    await emulator.resetLog();
    say('  one at a time ...');
    const baseline = await measure(() => oneAtATime(emulator, scenario.mode, range)).catch((error: Error) => error);
    const baselineCalls = (await emulator.calls()).total;
    const oneAtATimeResult = baseline instanceof Error ? { calls: baselineCalls, seconds: 0, failed: `failed: ${baseline.message}` } : { calls: baselineCalls, seconds: baseline.seconds };

    say('  core shaping, network taken out ...');
    const rates: number[] = [];
    for (let run = 0; run < SHAPING_RUNS; run++) {
      const replayed = await measure(() => viaCore(new WeComClient({ ...emulator, tokenStore: new MemoryTokenStore(), transport: recorder.replay() }), job));
      rates.push(replayed.result.length / replayed.seconds);
    }
    rates.sort((a, b) => a - b);
    return {
      id: scenario.id,
      title: scenario.title,
      faulty: scenario.faults !== undefined,
      minimumCalls,
      boundSeconds: (minimumCalls / DEFAULT_CONCURRENCY) * (latencyMs / 1000),
      paths,
      oneAtATime: oneAtATimeResult,
      shapingRecordsPerSecond: rates[Math.floor(rates.length / 2)],
    };
  } finally {
    await emulator.stop();
  }
}

/**
 * The same range per window through Node-RED's one message per record: every owner of
 * every window once, msg.parts in order, counted as the messages go and never kept.
 */
async function perWindowOneMessageEach(scenario: Scenario, emulator: EmulatorProcess, red: EmbeddedNodeRed, expected: number): Promise<PathResult> {
  const path: PathName = 'Node-RED node, per window, one message per record';
  await red.deploy(emulator, nodeRedStatisticConfig('split'));
  await emulator.resetLog();
  say(`  ${path} ...`);
  const { result, ...figures } = await measure(() => viaNodeRedEach(red, { mode: scenario.mode, preset: scenario.preset, ownerRecords: 'perWindow' }));
  return { path, calls: (await emulator.calls()).total, records: result.messages, agrees: result.partsInOrder && result.messages === expected, ...figures };
}

/** One small run through each host, so no scenario pays for loading n8n's or Node-RED's code. */
async function warmUp(red: EmbeddedNodeRed): Promise<void> {
  say('Warming up the hosts ...');
  const emulator = await EmulatorProcess.start({ owners: 200, members: 200, latencyMs: 0 });
  try {
    const job: MainJob = { mode: 'byOwner', preset: 'last30Days' };
    await viaCore(new WeComClient(emulator), job);
    await viaN8n(new InProcessN8n(emulator), job);
    await red.deploy(emulator, nodeRedStatisticConfig());
    await viaNodeRed(red, job);
  } finally {
    await emulator.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scenarios: { type: 'string', default: '1,2,3,4,5' }, latency: { type: 'string', default: '50' }, out: { type: 'string', default: 'bench/results.md' } },
  });
  const latencyMs = Number(values.latency);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`--latency must be a number of milliseconds, got "${values.latency}"`);
  const scenarios = values.scenarios.split(',').map((id) => {
    const scenario = SCENARIOS[id.trim()];
    if (!scenario) throw new Error(`--scenarios: unknown scenario "${id}" (known: ${Object.keys(SCENARIOS).join(', ')})`);
    return scenario;
  });
  const red = await EmbeddedNodeRed.start();
  const results: ScenarioResult[] = [];
  try {
    await warmUp(red);
    for (const scenario of scenarios) results.push(await runScenario(scenario, latencyMs, red));
  } finally {
    await red.stop();
    releaseN8nResources();
  }
  const table = markdown(results, {
    date: new Date().toISOString().slice(0, 10),
    node: process.versions.node,
    cpus: cpus().length,
    latencyMs,
    concurrency: DEFAULT_CONCURRENCY,
    n8nCore: packageVersion('n8n-core'),
    nodeRed: packageVersion('node-red'),
  });
  console.log(`\n${table}`);
  const out = resolve(values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, table);
  console.log(`Wrote ${out}`);
  const wrong = results.flatMap((s) => s.paths.filter((p) => !p.agrees).map((p) => `scenario ${s.id}, ${p.path}`));
  if (wrong.length > 0) throw new Error(`records differ from the reference in: ${wrong.join('; ')}`);
  const missed = targets(results).filter((t) => !t.met);
  if (missed.length > 0) console.log(`Targets missed: ${missed.length} (see the table).`);
}

main().catch((error: unknown) => {
  console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

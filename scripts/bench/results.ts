/** The benchmark's figures, the targets they are held to, and the markdown they are written as. */
export type PathName = 'core' | 'n8n node' | 'Node-RED node' | 'Node-RED node, per window, one message per record';

export interface PathResult {
  path: PathName;
  calls: number;
  records: number;
  seconds: number;
  heapGrowthMb: number;
  /** After a forced GC: what the run really holds (see measure.ts). */
  liveHeapGrowthMb?: number;
  peakRssMb: number;
  /** Same records, in the same order, as a fault-free run made first against the same emulator. */
  agrees: boolean;
}

export interface ScenarioResult {
  id: string;
  title: string;
  faulty: boolean;
  minimumCalls: number;
  boundSeconds: number;
  paths: PathResult[];
  /** Undefined when not run (a large scenario). */
  oneAtATime?: { calls: number; seconds: number; failed?: string };
  /** Core records per second with the network taken out (answers replayed from memory); undefined when not run. */
  shapingRecordsPerSecond?: number;
}

export interface Target {
  what: string;
  met: boolean;
  figure: string;
}

const fixed = (value: number, digits = 2): string => value.toFixed(digits);

export function targets(results: readonly ScenarioResult[]): Target[] {
  const list: Target[] = [];
  for (const s of results) {
    for (const p of s.paths) {
      const where = `scenario ${s.id}, ${p.path}`;
      if (!s.faulty) {
        list.push({ what: `${where}: calls equal the minimum`, met: p.calls === s.minimumCalls, figure: `${p.calls} / ${s.minimumCalls}` });
        list.push({ what: `${where}: within 1.3x of the latency bound`, met: p.seconds <= 1.3 * s.boundSeconds, figure: `${fixed(p.seconds / s.boundSeconds)}x` });
        if (s.oneAtATime && !s.oneAtATime.failed) {
          const speedUp = s.oneAtATime.seconds / p.seconds;
          list.push({ what: `${where}: at least 4x faster than one at a time`, met: speedUp >= 4, figure: `${fixed(speedUp, 1)}x` });
        }
      } else {
        list.push({ what: `${where}: every record delivered exactly once despite faults`, met: p.agrees, figure: `${p.records} records` });
      }
      if (s.id === '2') {
        list.push({ what: `${where}: memory growth under 100 MB`, met: p.heapGrowthMb < 100, figure: `${fixed(p.heapGrowthMb, 0)} MB` });
      }
      if (s.id === '5') {
        const live = p.liveHeapGrowthMb ?? Number.NaN;
        list.push({ what: `${where}: live heap growth (after GC) under 150 MB`, met: live < 150, figure: `${fixed(live, 0)} MB` });
      }
    }
  }
  return list;
}

export interface Environment {
  date: string;
  node: string;
  cpus: number;
  latencyMs: number;
  concurrency: number;
  n8nCore: string;
  nodeRed: string;
}

export function markdown(results: readonly ScenarioResult[], env: Environment): string {
  const lines = [
    `Run on ${env.date}: Node ${env.node}, ${env.cpus} CPUs; emulator in its own process with ${env.latencyMs} ms per request and WeCom's published rate limits; default concurrency ${env.concurrency}; n8n-core ${env.n8nCore}, Node-RED ${env.nodeRed}.`,
    '',
    '| Scenario | Path | Calls / minimum | Records | Wall (s) | Latency bound (s) | x bound | One at a time (s) | Speed-up | Heap growth (MB) | Live heap growth (MB) | Peak RSS (MB) | Records agree |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of results) {
    for (const p of s.paths) {
      const oneAtATime = !s.oneAtATime ? 'not run' : s.oneAtATime.failed ? 'failed' : fixed(s.oneAtATime.seconds);
      const speedUp = !s.oneAtATime || s.oneAtATime.failed ? '-' : `${fixed(s.oneAtATime.seconds / p.seconds, 1)}x`;
      lines.push(
        `| ${s.id}: ${s.title} | ${p.path} | ${p.calls} / ${s.minimumCalls} | ${p.records} | ${fixed(p.seconds)} | ${fixed(s.boundSeconds)} | ${fixed(p.seconds / s.boundSeconds)} | ${oneAtATime} | ${speedUp} | ${fixed(p.heapGrowthMb, 0)} | ${p.liveHeapGrowthMb === undefined ? '-' : fixed(p.liveHeapGrowthMb, 0)} | ${fixed(p.peakRssMb, 0)} | ${p.agrees ? 'yes' : 'NO'} |`,
      );
    }
  }
  lines.push('', '| Scenario | One at a time: calls | One at a time: result | Core shaping, network taken out (records/s) |', '|---|---|---|---|');
  for (const s of results) {
    const shaping = s.shapingRecordsPerSecond === undefined ? 'not run' : Math.round(s.shapingRecordsPerSecond).toLocaleString('en-US');
    if (!s.oneAtATime) lines.push(`| ${s.id} | - | not run | ${shaping} |`);
    else lines.push(`| ${s.id} | ${s.oneAtATime.calls} | ${s.oneAtATime.failed ?? `${fixed(s.oneAtATime.seconds)} s`} | ${shaping} |`);
  }
  lines.push('', '| Target | Figure | Met |', '|---|---|---|');
  for (const t of targets(results)) lines.push(`| ${t.what} | ${t.figure} | ${t.met ? 'yes' : 'NO'} |`);
  return `${lines.join('\n')}\n`;
}

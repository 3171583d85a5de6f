import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { emptyHomeAndTmp } from '../support/emptyHome';

const run = promisify(execFile);

/** The cells of the table rows that start with `prefix`. */
function rows(table: string, prefix: string): string[][] {
  return table
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

// `npm run bench` on its two small scenarios, as CI's smoke test: figures are printed, not judged here,
// but the calls, the records and the exactly-once delivery under faults are.
describe('npm run bench (smoke scenarios)', () => {
  const out = mkdtempSync(join(tmpdir(), 'wecom-bench-'));
  const home = emptyHomeAndTmp();
  let stdout = '';
  let table = '';

  beforeAll(async () => {
    ({ stdout } = await run(process.execPath, ['--expose-gc', 'dist/scripts/bench/main.js', '--scenarios', 'smoke,smoke-faults', '--latency', '20', '--out', join(out, 'results.md')], {
      env: { ...process.env, ...home.env },
      timeout: 120_000,
    }));
    table = readFileSync(join(out, 'results.md'), 'utf8');
  }, 130_000);
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    home.remove();
  });

  it('writes nothing into the home folder and leaves no temporary folder behind', () => {
    expect(home.leftovers()).toEqual([]);
  });

  it('prints the table it writes', () => {
    expect(stdout).toContain(table.trim());
    expect(table).toMatch(/^Run on \d{4}-\d{2}-\d{2}: Node \d+\.\d+\.\d+, \d+ CPUs; emulator in its own process with 20 ms per request/);
  });

  it('makes the minimum calls through the core and both nodes, with the same records as a fault-free run', () => {
    const smoke = rows(table, '| smoke: ');
    expect(smoke.map((cells) => cells[1])).toEqual(['core', 'n8n node', 'Node-RED node']);
    for (const cells of smoke) {
      // token + owner list + 3 windows x 3 batches; by owner, one record per owner for the range
      expect(cells[2]).toBe('11 / 11');
      expect(cells[3]).toBe('300');
      expect(cells[12]).toBe('yes');
      expect(Number(cells[4])).toBeGreaterThan(0);
    }
  });

  it('delivers every record exactly once despite 10% faults, retrying what failed', () => {
    const faulty = rows(table, '| smoke-faults: ');
    expect(faulty).toHaveLength(3);
    for (const cells of faulty) {
      const [calls, minimum] = cells[2].split(' / ').map(Number);
      // token + owner list + 6 windows x 3 batches
      expect(minimum).toBe(20);
      expect(calls).toBeGreaterThan(minimum);
      expect(cells[3]).toBe('300');
      expect(cells[12]).toBe('yes');
    }
    expect(rows(table, '| scenario smoke-faults').every((cells) => cells[2] === 'yes')).toBe(true);
  });

  it('measures the one-at-a-time way and the core without the network', () => {
    const [smoke] = rows(table, '| smoke |');
    expect(smoke[1]).toBe('11');
    expect(smoke[2]).toMatch(/^\d+\.\d+ s$/);
    expect(Number(smoke[3].replace(/,/g, ''))).toBeGreaterThan(0);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packTarball } from './packTarball';

let work: string | undefined;
let tarball: string | undefined;

// jest gives each test file a `process` of its own whose exit hooks never run: clean up after its last test.
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** This package as a user gets it: `npm pack` of the built tree, once per test file. */
export function packedTarball(): string {
  if (tarball) return tarball;
  work = mkdtempSync(join(tmpdir(), 'wecom-pack-'));
  tarball = packTarball(work);
  return tarball;
}

/**
 * `npm install <tarball>` in `dir`, as a user types it (the flags only quiet npm), with npm
 * running on `node`. Returns the seconds it took.
 */
export function installTarball(dir: string, options: { node?: string; engineStrict?: boolean } = {}): number {
  const node = options.node ?? process.execPath;
  const started = process.hrtime.bigint();
  execFileSync('npm', ['install', ...(options.engineStrict ? ['--engine-strict'] : []), packedTarball(), '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` },
    stdio: 'inherit',
  });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './hosts';

let installed: string | undefined;

/**
 * This package as a user gets it: `npm pack` of the built tree, installed with its runtime
 * dependencies (not the peer n8n-workflow: the host brings its own) into a folder of the
 * kind n8n uses for community packages. Returns that folder; done once per test process.
 */
export function installPackedPackage(): string {
  if (installed) return installed;
  const work = mkdtempSync(join(tmpdir(), 'wecom-pack-'));
  process.once('exit', () => rmSync(work, { recursive: true, force: true }));
  const tarball = execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() as string;
  const nodesDir = join(work, 'nodes');
  mkdirSync(nodesDir);
  writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
  execFileSync('npm', ['install', join(work, tarball), '--omit=peer', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: nodesDir,
    stdio: 'inherit',
  });
  installed = nodesDir;
  return nodesDir;
}

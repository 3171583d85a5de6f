/**
 * A user's plain `npm install --engine-strict <package>` into an empty folder, on Node 20
 * (this Node) and on Node 24: it succeeds, brings neither n8n-workflow (an optional peer:
 * n8n brings its own) nor its isolated-vm (Node >= 24 and a native build), and stays small.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinnedNode } from '../support/hosts';
import { installTarball } from '../support/installPackage';

jest.setTimeout(120_000);

const MAX_ON_DISK = 15 * 1000 * 1000;

/** Every entry under `dir` (symlinks not followed), and the bytes its files hold and take on disk. */
function measure(dir: string): { paths: string[]; bytes: number; onDisk: number } {
  const result = { paths: [] as string[], bytes: 0, onDisk: 0 };
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const stat = lstatSync(path);
      result.paths.push(path.slice(dir.length + 1));
      result.bytes += stat.isFile() ? stat.size : 0;
      result.onDisk += stat.blocks * 512;
      if (stat.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return result;
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;

describe.each([
  ['Node 20', (): string => process.execPath],
  ['Node 24', (): string => pinnedNode('node24')],
])('npm install <tarball> on %s', (label, nodeBinary) => {
  let folder = '';
  let node = '';
  let version = '';
  let seconds = 0;
  let installed: ReturnType<typeof measure>;
  /** What npm installed, by name, from its record of the tree (node_modules/.package-lock.json). */
  let packages: string[] = [];

  beforeAll(() => {
    node = nodeBinary();
    version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    folder = mkdtempSync(join(tmpdir(), 'wecom-plain-install-'));
    seconds = installTarball(folder, { node, engineStrict: true });
    installed = measure(join(folder, 'node_modules'));
    const lock = JSON.parse(readFileSync(join(folder, 'node_modules/.package-lock.json'), 'utf8'));
    packages = Object.keys(lock.packages).filter(Boolean).map((path) => path.replace(/^.*node_modules\//, ''));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it(`succeeds with --engine-strict, and the package loads (${label})`, () => {
    expect(version).toMatch(label === 'Node 20' ? /^v20\./ : /^v24\./);
    const exported = execFileSync(node, ['-p', "typeof require('n8n-nodes-wecom-groupchat').WeComClient"], { cwd: folder, encoding: 'utf8' });
    expect(exported.trim()).toBe('function');
  });

  it('brings no n8n-workflow nor isolated-vm', () => {
    expect(packages).toEqual(expect.arrayContaining(['n8n-nodes-wecom-groupchat', 'axios']));
    expect(packages.filter((name) => ['n8n-workflow', 'isolated-vm'].includes(name))).toEqual([]);
    // Nor on disk, whatever npm's record says.
    expect(installed.paths.filter((path) => /(^|\/)(n8n-workflow|isolated-vm)$/.test(path))).toEqual([]);
  });

  it('keeps node_modules under 15 MB on disk', () => {
    console.log(
      `${label} (${version}): npm install took ${seconds.toFixed(1)} s; node_modules holds ` +
        `${mb(installed.bytes)} in files, ${mb(installed.onDisk)} on disk (allocated blocks), ${packages.length} packages`,
    );
    expect(installed.onDisk).toBeLessThan(MAX_ON_DISK);
  });
});

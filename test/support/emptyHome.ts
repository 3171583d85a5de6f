import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * An empty HOME and TMPDIR for a script run as a user would start it, to prove it leaves
 * nothing in the user's home nor a temporary folder behind.
 */
export function emptyHomeAndTmp(): { env: { HOME: string; TMPDIR: string }; leftovers(): string[]; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'wecom-empty-home-'));
  const env = { HOME: join(root, 'home'), TMPDIR: join(root, 'tmp') };
  mkdirSync(env.HOME);
  mkdirSync(env.TMPDIR);
  return {
    env,
    leftovers: () => [...readdirSync(env.HOME).map((name) => `HOME/${name}`), ...readdirSync(env.TMPDIR).map((name) => `TMPDIR/${name}`)],
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

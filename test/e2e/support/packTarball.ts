import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './hosts';

/** `npm pack` of the built tree into `destination`, as it would be published: the tarball's path. */
export function packTarball(destination: string): string {
  const name = execFileSync('npm', ['pack', '--pack-destination', destination, '--silent'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() as string;
  return join(destination, name);
}

/**
 * n8n-core keeps its settings (an encryption key in `.n8n/config`) under N8N_USER_FOLDER,
 * or else the home folder: this process gets a temporary folder instead, set on import so
 * it is in place before n8n-core reads it, and removed at exit (or by removeN8nUserFolder).
 * The settings file is written here with a fresh key, or n8n-core prints that it made one.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = mkdtempSync(join(tmpdir(), 'wecom-n8n-user-'));
process.env.N8N_USER_FOLDER = folder;
mkdirSync(join(folder, '.n8n'));
writeFileSync(join(folder, '.n8n/config'), JSON.stringify({ encryptionKey: randomBytes(24).toString('base64') }), { mode: 0o600 });

export function removeN8nUserFolder(): void {
  rmSync(folder, { recursive: true, force: true });
}

// Covers failures and Ctrl-C in scripts; jest sandboxes `process`, so tests release it themselves.
process.once('exit', removeN8nUserFolder);

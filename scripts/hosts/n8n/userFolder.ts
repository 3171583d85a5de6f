/**
 * n8n-core keeps its settings (an encryption key in `.n8n/config`) under N8N_USER_FOLDER,
 * or else the home folder: this process gets a temporary folder instead, set on import so
 * it is in place before n8n-core reads it, and removed at exit (or by removeN8nUserFolder).
 * A key of its own too, or n8n-core prints that it generated one.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = mkdtempSync(join(tmpdir(), 'wecom-n8n-user-'));
process.env.N8N_USER_FOLDER = folder;
process.env.N8N_ENCRYPTION_KEY = randomBytes(24).toString('base64');

export function removeN8nUserFolder(): void {
  rmSync(folder, { recursive: true, force: true });
}

// Covers failures and Ctrl-C in scripts; jest sandboxes `process`, so tests release it themselves.
process.once('exit', removeN8nUserFolder);

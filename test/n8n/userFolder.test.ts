/**
 * n8n-core, run in process by the tests, the demo and the bench, reads (or else writes) an
 * encryption key in its user folder: that folder is a temporary one, never the home
 * folder, and releaseN8nResources removes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import { startEmulator } from '../../emulator';
import { viaN8n } from '../../scripts/hosts/mainJob';
import { InProcessN8n, releaseN8nResources } from '../../scripts/hosts/n8n/engine';

it('keeps n8n-core in a temporary user folder, removed on release', async () => {
  const emu = await startEmulator({ port: 0, owners: 3 });
  try {
    expect(await viaN8n(new InProcessN8n(emu), { mode: 'byDay', preset: 'yesterday' })).toHaveLength(1);
  } finally {
    await emu.close();
  }
  const userFolder = process.env.N8N_USER_FOLDER as string;
  expect(userFolder.startsWith(join(tmpdir(), 'wecom-n8n-user-'))).toBe(true);
  expect(userFolder.startsWith(homedir())).toBe(false);
  const settingsFile = join(userFolder, '.n8n/config');
  const settings = Container.get(InstanceSettings);
  expect(settings.n8nFolder).toBe(join(userFolder, '.n8n'));
  expect(settings.encryptionKey).toBe(JSON.parse(readFileSync(settingsFile, 'utf8')).encryptionKey);

  releaseN8nResources();
  expect(existsSync(userFolder)).toBe(false);
});

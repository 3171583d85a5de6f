import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

// The `wecom-emulator` bin as users run it: the compiled CLI (npm test builds dist/ first).
describe('wecom-emulator command', () => {
  it('prints its base URL first, serves WeCom, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['dist/emulator/cli.js', '--port', '0', '--owners', '12', '--corp-secret', 'cli-test-secret'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    try {
      const lines = createInterface({ input: child.stdout });
      const [baseUrl] = (await once(lines, 'line')) as [string];
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const token = (await (await fetch(`${baseUrl}/cgi-bin/gettoken?corpid=ww_emulator_corp&corpsecret=cli-test-secret`)).json()) as { access_token: string };
      expect(token).toMatchObject({ errcode: 0, expires_in: 7200 });
      const owners = (await (await fetch(`${baseUrl}/cgi-bin/externalcontact/get_follow_user_list?access_token=${token.access_token}`)).json()) as { follow_user: string[] };
      expect(owners.follow_user).toHaveLength(12);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      clearTimeout(guard);
    }
  });

  it('names a bad option and exits with 2', async () => {
    const child = spawn(process.execPath, ['dist/emulator/cli.js', '--owners', 'many'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('--owners');
  });
});

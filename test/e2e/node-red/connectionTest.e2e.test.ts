/**
 * The config dialog's "Test connection" endpoint in real Node-RED 4.1.15 and 5.0.7 with adminAuth on:
 * only users with the wecom-config.write permission may run it; the stored secret of the
 * deployed config node is used when the dialog leaves it as the placeholder; no secret or
 * token in the answers or the log (audit lines included).
 */
import { join } from 'node:path';
import { hintFor } from '../../../core/errors/hints';
import { startEmulator, type Emulator } from '../../../emulator';
import { hostDir, hostVersion } from '../support/hosts';
import { NodeRedHost } from '../support/nodeRedHost';

jest.setTimeout(180_000);

const CFG = 'a300000000000001';
const PASSWORD = 'e2e-admin-password';
const WRONG_SECRET = 'connection-e2e-wrong-secret-7731';

/** Node-RED's own bcrypt, as `node-red admin hash-pw` uses it. */
function passwordHash(hostName: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS module of the host's install
  const bcrypt = require(join(hostDir(hostName), 'node_modules/bcryptjs')) as { hashSync(text: string, rounds: number): string };
  return bcrypt.hashSync(PASSWORD, 8);
}

describe.each(['nodeRed', 'nodeRed5'])('%s with adminAuth: POST /wecom-config/test-connection', (hostName) => {
  let emu: Emulator;
  let host: NodeRedHost;
  const answers: string[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, owners: 23, seed: 51 });
    host = new NodeRedHost(hostName);
    const hash = passwordHash(hostName);
    await host.start(
      [
        { id: 'b300000000000001', type: 'tab', label: 'test' },
        { id: CFG, type: 'wecom-config', name: 'emulator', baseUrl: emu.baseUrl },
      ],
      { [CFG]: { corpId: emu.corpId, corpSecret: emu.corpSecret } },
      {
        settings: {
          adminAuth: {
            type: 'credentials',
            users: [
              { username: 'admin', password: hash, permissions: '*' },
              { username: 'viewer', password: hash, permissions: 'read' },
              { username: 'tester', password: hash, permissions: ['read', 'wecom-config.write'] },
            ],
          },
          logging: { console: { level: 'info', metrics: false, audit: true } },
        },
      },
    );
  });

  afterAll(async () => {
    await host?.stop();
    host?.dispose();
    await emu?.close();
  });

  /** An access token from Node-RED's login endpoint, as the editor's login form gets it. */
  async function login(username: string, scope: string): Promise<string> {
    const response = await fetch(`${host.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'node-red-editor', grant_type: 'password', scope, username, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function test(body: Record<string, unknown>, token?: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${host.url}/wecom-config/test-connection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    answers.push(text);
    return { status: response.status, body: response.ok ? JSON.parse(text) : text };
  }

  const stored = () => ({ id: CFG, baseUrl: emu.baseUrl, corpId: emu.corpId, corpSecret: '__PWRD__' });

  it(`Node-RED ${hostVersion(hostName)} refuses a request without a token, and a user without wecom-config.write, before any call`, async () => {
    const before = emu.callCount();
    expect((await test(stored())).status).toBe(401);
    expect((await test(stored(), await login('viewer', 'read'))).status).toBe(401);
    expect(emu.callCount()).toBe(before);
    expect(host.output).toContain('"event":"permission.fail","permissions":"wecom-config.write"');
  });

  it("an admin gets the member count with the deployed node's stored secret, or the errcode and hint of a typed wrong one", async () => {
    const token = await login('admin', '*');
    expect(await test(stored(), token)).toEqual({ status: 200, body: { ok: true, members: 23 } });
    expect(await test({ ...stored(), corpSecret: WRONG_SECRET }, token)).toEqual({
      status: 200,
      body: { ok: false, endpoint: 'gettoken', errcode: 40001, errmsg: expect.stringMatching(/^invalid credential, hint: /), hint: hintFor(40001) },
    });
  });

  it('a user granted only read and wecom-config.write may run it too', async () => {
    expect(await test(stored(), await login('tester', 'read wecom-config.write'))).toEqual({ status: 200, body: { ok: true, members: 23 } });
  });

  it('no answer and no log line holds a secret or a token', () => {
    expect(answers).toHaveLength(5);
    const everything = `${answers.join('\n')}\n${host.output}`;
    for (const secret of [emu.corpSecret, WRONG_SECRET, ...emu.issuedTokens()]) expect(everything).not.toContain(secret);
  });
});

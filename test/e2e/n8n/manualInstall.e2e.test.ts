/**
 * n8n's manual install, as the README's "Install in n8n" says: `npm install <package>` in
 * ~/.n8n/nodes, then restart n8n. Before, n8n does not know the node; after the restart it
 * lists the node and its credential, and a workflow with the node runs against the emulator.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../emulator';
import { hostVersion } from '../support/hosts';
import { itemsOf, N8nHost } from '../support/n8nHost';
import * as wf from './workflows';

jest.setTimeout(180_000);

const NODE_TYPE = 'n8n-nodes-wecom-groupchat.weComGroupChatStatistic';

describe(`n8n ${hostVersion('n8n')}: npm install in ~/.n8n/nodes, then a restart`, () => {
  let host: N8nHost;
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, owners: 20, seed: 5 });
    host = new N8nHost('n8n', { installed: false });
  });
  afterAll(async () => {
    await emu?.close();
    host?.dispose();
  });

  /** The node and credential types n8n serves its editor, from a fresh `n8n start`. */
  async function listedTypes(): Promise<{ nodes: string[]; credentials: string[] }> {
    const server = await host.startServer();
    try {
      const nodes = (await server.get('/types/nodes.json')) as { name: string }[];
      const credentials = (await server.get('/types/credentials.json')) as { name: string }[];
      return { nodes: nodes.map((type) => type.name), credentials: credentials.map((type) => type.name) };
    } finally {
      await server.stop();
    }
  }

  it('started with an empty ~/.n8n/nodes, n8n does not know the node', async () => {
    expect(readdirSync(host.nodesFolder)).toEqual([]);
    const listed = await listedTypes();
    expect(listed.nodes).toContain('n8n-nodes-base.manualTrigger');
    expect(listed.nodes).not.toContain(NODE_TYPE);
    expect(listed.credentials).not.toContain('weComApi');
  });

  it('after npm install <tarball> there and a restart, n8n lists the node and its credential', async () => {
    const seconds = host.installPackage();
    console.log(`npm install <tarball> in ~/.n8n/nodes took ${seconds.toFixed(1)} s`);
    expect(JSON.parse(readFileSync(join(host.nodesFolder, 'package.json'), 'utf8')).dependencies).toHaveProperty('n8n-nodes-wecom-groupchat');
    // The README points n8n users here for the example workflows.
    expect(existsSync(join(host.nodesFolder, 'node_modules/n8n-nodes-wecom-groupchat/n8n-workflows/daily-report-to-google-sheets.json'))).toBe(true);
    const listed = await listedTypes();
    expect(listed.nodes).toContain(NODE_TYPE);
    expect(listed.nodes).toContain(`${NODE_TYPE}Trigger`);
    expect(listed.credentials).toContain('weComApi');
  });

  it('a workflow with the node then runs against the emulator', async () => {
    await host.importCredentials([{ ...wf.CREDENTIAL, type: 'weComApi', data: { corpId: emu.corpId, corpSecret: emu.corpSecret, baseUrl: emu.baseUrl } }]);
    await host.importWorkflows([wf.yesterdayByDay]);
    const result = await host.execute('e2eYesterday');
    expect(result.code).toBe(0);
    const items = itemsOf(result, 'Stats');
    expect(items).toHaveLength(1);
    expect(items[0].json.owner_count).toBe(20);
    expect(emu.callCount('gettoken')).toBe(1);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBe(1);
  });
});

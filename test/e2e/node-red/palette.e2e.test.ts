import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../emulator';
import { hostVersion, ROOT } from '../support/hosts';
import { startSink } from '../support/httpSink';
import { startLocalRegistry, type LocalRegistry } from '../support/localRegistry';
import { eventually, NodeRedHost } from '../support/nodeRedHost';
import { packedTarball } from '../support/installPackage';

// Installs go through verdaccio to the real registry: bounded, but not short.
jest.setTimeout(280_000);

const MODULE = 'n8n-nodes-wecom-groupchat';
const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const OWN_TYPES = ['wecom-config', 'wecom-groupchat-statistic'];
/** An unrelated palette package: Node-RED's own, no dependencies, unchanged for years. */
const OTHER = { id: 'node-red-node-random', version: '0.4.1', types: ['random'] };
const OWNERS = 40;

interface CatalogueEntry {
  id: string;
  version: string;
}

/** A palette catalogue in the format of catalogue.nodered.org, listing both packages. */
function catalogue(): object {
  const updated_at = new Date().toISOString();
  return {
    name: 'e2e catalogue',
    updated_at,
    modules: [
      { id: MODULE, version: VERSION, description: 'WeCom group chat statistics', keywords: ['wecom'], types: OWN_TYPES, updated_at },
      { ...OTHER, description: 'random numbers', keywords: ['random'], updated_at },
    ],
  };
}

/** What the palette's Install button sends for a catalogue entry (editor's installNodeModule). */
async function install(host: NodeRedHost, entry: CatalogueEntry): Promise<void> {
  const response = await fetch(`${host.url}/nodes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ module: entry.id, version: entry.version }),
    signal: AbortSignal.timeout(200_000),
  });
  if (!response.ok) throw new Error(`install ${entry.id}: HTTP ${response.status} ${await response.text()}\n${host.output}`);
}

async function registeredTypes(host: NodeRedHost): Promise<string[]> {
  const response = await fetch(`${host.url}/nodes`, { headers: { accept: 'application/json' } });
  const sets = (await response.json()) as { types: string[] }[];
  return sets.flatMap((set) => set.types);
}

function flows(emu: Emulator, sinkUrl: string): object[] {
  const tab = 'p000000000000001';
  return [
    { id: tab, type: 'tab', label: 'palette e2e' },
    { id: 'p000000000000002', type: 'wecom-config', name: 'emulator', baseUrl: emu.baseUrl, credentials: { corpId: emu.corpId, corpSecret: emu.corpSecret } },
    { id: 'p000000000000003', type: 'inject', z: tab, props: [{ p: 'payload' }], payload: '', payloadType: 'str', wires: [['p000000000000004']] },
    { id: 'p000000000000004', type: 'wecom-groupchat-statistic', z: tab, wecom: 'p000000000000002', mode: 'byDay', dateRange: 'last7Days', ownerSource: 'all', output: 'array', wires: [['p000000000000005']] },
    { id: 'p000000000000005', type: 'http request', z: tab, method: 'POST', ret: 'txt', url: sinkUrl, wires: [[]] },
  ];
}

let registry: LocalRegistry;
let emu: Emulator;
let sink: Awaited<ReturnType<typeof startSink>>;

beforeAll(async () => {
  registry = await startLocalRegistry([MODULE]);
  await registry.publish(packedTarball());
  emu = await startEmulator({ port: 0, owners: OWNERS, seed: 10 });
  sink = await startSink();
}, 120_000);

afterAll(async () => {
  await sink?.close();
  await emu?.close();
  await registry?.stop();
});

it.each(['nodeRed', 'nodeRed5'].map((name) => [hostVersion(name), name]))('Node-RED %s: the palette manager installs the package from a registry, then another package, and the flow runs', async (_version, hostName) => {
  const host = new NodeRedHost(hostName, { registry: registry.url });
  try {
    // The catalogue comes from Node-RED's own origin: the editor fetches it, and CORS blocks others.
    const staticDir = join(host.userDir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'catalogue.json'), JSON.stringify(catalogue()));
    await host.start([], {}, { settings: { httpStatic: staticDir, editorTheme: { tours: false, palette: { catalogues: ['catalogue.json'] } } } });
    expect(host.output).toContain(`Node-RED version: v${hostVersion(hostName)}`);

    // The Install tab lists the catalogues of the editor's settings, resolved against the editor's URL.
    const settings = (await (await fetch(`${host.url}/settings`)).json()) as {
      editorTheme: { palette: { catalogues: string[] } };
      externalModules?: { palette?: { allowInstall?: boolean } };
    };
    expect(settings.externalModules?.palette?.allowInstall).toBe(true);
    expect(settings.editorTheme.palette.catalogues).toHaveLength(1);
    const listed = (await (await fetch(new URL(settings.editorTheme.palette.catalogues[0], `${host.url}/`))).json()) as { modules: CatalogueEntry[] };
    const entry = (id: string): CatalogueEntry => {
      const found = listed.modules.find((m) => m.id === id);
      if (!found) throw new Error(`${id} is not in the catalogue`);
      return found;
    };

    await install(host, entry(MODULE));
    expect(await registeredTypes(host)).toEqual(expect.arrayContaining(OWN_TYPES));
    const modules = join(host.userDir, 'node_modules');
    expect(existsSync(join(modules, MODULE, 'package.json'))).toBe(true);
    expect(existsSync(join(modules, 'n8n-workflow'))).toBe(false);

    // npm re-resolves the whole user dir on every palette install: ours must not spoil the next one.
    await install(host, entry(OTHER.id));
    expect(await registeredTypes(host)).toEqual(expect.arrayContaining([...OWN_TYPES, ...OTHER.types]));
    expect(existsSync(join(modules, 'n8n-workflow'))).toBe(false);

    const path = `/${hostName}`;
    await host.deploy(flows(emu, `${sink.url}${path}`));
    await host.inject('p000000000000003');
    const request = await eventually(() => sink.requests.find((r) => r.url === path), 60_000);
    const days = JSON.parse(request.body) as Record<string, unknown>[];
    expect(days).toHaveLength(7);
    expect(days.every((day) => day.owner_count === OWNERS && typeof day.new_chat_cnt === 'number')).toBe(true);
  } finally {
    await host.stop();
    host.dispose();
  }
});

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { hintFor } from '../../../core/errors/hints';
import { startEmulator, type Emulator } from '../../../emulator';
import { catalogText } from '../../support/nodeRedCatalog';
import { ROOT } from '../support/hosts';
import { NodeRedHost } from '../support/nodeRedHost';
import { launchChromium, type WatchedPage } from '../../support/chromium';
import { NO_WELCOME_TOUR, openEditor, type EditorWindow } from './browser';

jest.setTimeout(180_000);

const STAT_TYPE = 'wecom-groupchat-statistic';
const CONFIG_TYPE = 'wecom-config';
const MODULE = 'n8n-nodes-wecom-groupchat';
const TAB = 'tab0000000000001';
const CFG = 'cfg0000000000001';
const STAT = 'st00000000000001';
const CORP_ID = 'ww_e2e_editor_corp';
const SECRET = 'e2e-editor-secret-5c1f0a9d3b7e';
const OUT = join(ROOT, 'out/e2e');
/** A catalog key that was not translated, e.g. "wecom-groupchat-statistic.label.mode", or a leftover __placeholder__. */
const RAW_KEY = /wecom-(groupchat-statistic|config)\.[a-z]|__[a-zA-Z]+__/;

function stripTags(html: string): string {
  return html.replace(/<[^>]+>/g, '');
}

/** The <h3> headings of a node's help file in one language. */
function helpHeadings(lang: string, type: string): string[] {
  const html = readFileSync(join(ROOT, 'nodes/node-red/locales', lang, `${type}.html`), 'utf8');
  return [...html.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1].trim());
}

const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

function flows(baseUrl: string): object[] {
  return [
    { id: TAB, type: 'tab', label: 'Flow 1' },
    { id: CFG, type: CONFIG_TYPE, name: '', baseUrl },
    {
      id: STAT,
      type: STAT_TYPE,
      z: TAB,
      name: '',
      wecom: CFG,
      mode: 'byDay',
      dateRange: 'yesterday',
      from: '',
      to: '',
      ownerSource: 'all',
      owners: '',
      orderBy: 'newChatCount',
      sortDirection: 'descending',
      limit: '',
      ownerRecords: 'combined',
      clamp: false,
      output: 'array',
      concurrency: '',
      x: 220,
      y: 120,
      wires: [[]],
    },
  ];
}

const LOCALES = [
  // Literal strings next to the catalogs: a catalog that drifted from the wording fails too.
  // The config dialog's titles: Node-RED's "Add new __type__ config node" and "Edit __type__ node" around our paletteLabel.
  {
    lang: 'en-US', category: 'WeCom', paletteLabel: 'group chat statistic', mode: 'Mode', helpH3: ['Inputs', 'Outputs'], intro: 'Every incoming message starts one run', other: /输入|输出/,
    addConfigTitle: 'Add new WeCom config node', editConfigTitle: 'Edit WeCom node', hint40001: hintFor(40001), said40001: 'WeCom gettoken: errcode 40001, invalid credential',
  },
  {
    lang: 'zh-CN', category: '企业微信', paletteLabel: '客户群统计', mode: '统计方式', helpH3: ['输入', '输出'], intro: '每收到一条消息就执行一次查询', other: /Inputs|Outputs/,
    addConfigTitle: '添加新的 企业微信 配置', editConfigTitle: '编辑 企业微信 节点', hint40001: catalogText('zh-CN', `${CONFIG_TYPE}.hints.40001`), said40001: '企业微信 gettoken：错误码 40001，invalid credential',
  },
];

async function shown(page: Page, selector: string, visible: boolean): Promise<void> {
  await page.locator(selector).waitFor({ state: visible ? 'visible' : 'hidden', timeout: 5_000 });
}

/** Types `value` into a field, leaves it, and returns whether the editor marked it invalid. */
async function enter(page: Page, selector: string, value: string): Promise<boolean> {
  await page.fill(selector, value);
  await page.locator(selector).blur();
  return ((await page.getAttribute(selector, 'class')) ?? '').split(/\s+/).includes('input-error');
}

/** Hovers an invalid field and waits for the editor's tooltip with the validator's message. */
async function tooltipOf(page: Page, selector: string, message: string): Promise<void> {
  await page.hover(selector);
  await page.locator('.red-ui-popover', { hasText: message }).first().waitFor({ state: 'visible', timeout: 5_000 });
  await page.mouse.move(5, 5);
}

async function openStatDialog(page: Page): Promise<void> {
  await page.locator(`g[id="${STAT}"] .red-ui-flow-node`).dblclick();
  await shown(page, '#node-input-mode', true);
}

/** The ids of the fields in the rows the open node dialog shows, top to bottom. */
function visibleFields(page: Page): Promise<string[]> {
  return page.$$eval('.red-ui-tray form .form-row', (rows) =>
    rows
      .filter((row) => (row as unknown as { offsetParent: unknown }).offsetParent !== null)
      .map((row) => row.querySelector('input[id^="node-input-"], select[id^="node-input-"], textarea[id^="node-input-"]')?.id.replace('node-input-', ''))
      .filter((id): id is string => id !== undefined),
  );
}

/** The title of the topmost tray, e.g. "Add new WeCom config node": the last of its breadcrumbs. */
async function trayTitle(page: Page): Promise<string> {
  return (await page.locator('.red-ui-tray-titlebar').last().locator('.red-ui-tray-breadcrumbs > li').last().innerText()).trim();
}

/** Clicks the config dialog's Test connection button and waits for its answer. */
async function testConnection(page: Page): Promise<{ ok: string | null; text: string }> {
  await page.evaluate(() => (globalThis as unknown as { $: (s: string) => { removeAttr(name: string): void } }).$('#node-config-test-result').removeAttr('data-ok'));
  await page.click('#node-config-test-connection');
  const result = page.locator('#node-config-test-result[data-ok]');
  await result.waitFor({ timeout: 20_000 });
  return { ok: await result.getAttribute('data-ok'), text: (await result.innerText()).trim() };
}

/** Waits until `count` trays are open: a tray slides out before it is removed, and a click meanwhile can miss the one below. */
async function trays(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => (globalThis as unknown as { $: (s: string) => { length: number } }).$('.red-ui-tray').length === n, count, { timeout: 15_000 });
}

const noTrays = (page: Page): Promise<void> => trays(page, 0);

describe('Node-RED editor in Chromium', () => {
  let emu: Emulator;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    emu = await startEmulator({ port: 0, corpId: CORP_ID, corpSecret: SECRET });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  describe.each(LOCALES)('$lang', (loc) => {
    const stat = (key: string): string => catalogText(loc.lang, `${STAT_TYPE}.${key}`);
    const cfg = (key: string): string => catalogText(loc.lang, `${CONFIG_TYPE}.${key}`);
    let host: NodeRedHost;
    let editor: WatchedPage;
    let page: Page;
    let configLabel: string;

    beforeAll(async () => {
      const started = Date.now();
      configLabel = cfg('label.node').replace('__host__', new URL(emu.baseUrl).host);
      host = new NodeRedHost('nodeRed');
      writeFileSync(join(host.userDir, '.config.users.json'), JSON.stringify(NO_WELCOME_TOUR));
      // The editor's language is the browser's (navigator.language, Accept-Language); settings.lang sets
      // the runtime's (log, status, errors), kept en-US here: language.e2e.test.ts runs it in zh-CN.
      await host.start(flows(emu.baseUrl), { [CFG]: { corpId: CORP_ID, corpSecret: SECRET } }, { lang: 'en-US' });
      editor = await openEditor(browser, host.url, loc.lang, STAT_TYPE);
      page = editor.page;
      console.log(`${loc.lang}: Node-RED and the editor ready in ${Date.now() - started} ms`);
    });

    afterAll(async () => {
      await editor?.context.close();
      await host?.stop();
      host?.dispose();
    });

    it('shows the statistic node in the palette under its category, and the config node only as a config node', async () => {
      expect(loc.category).toBe(catalogText(loc.lang, 'palette.label.wecom'));
      expect(loc.paletteLabel).toBe(stat('paletteLabel'));

      const category = page.locator('#red-ui-palette-container-wecom');
      expect((await category.locator('.red-ui-palette-header').innerText()).trim()).toBe(loc.category);
      const paletteNode = category.locator(`.red-ui-palette-node[data-palette-type="${STAT_TYPE}"]`);
      expect(await paletteNode.count()).toBe(1);
      expect(await paletteNode.getAttribute('data-palette-label')).toBe(loc.paletteLabel);
      expect((await paletteNode.innerText()).replace(/\s+/g, '')).toBe(loc.paletteLabel.replace(/\s+/g, ''));
      expect(await paletteNode.locator('.red-ui-palette-icon-container').getAttribute('data-palette-icon')).toBe(`icons/${MODULE}/wecom.svg`);
      const icon = await page.request.get(`${host.url}/icons/${MODULE}/wecom.svg`);
      expect(icon.status()).toBe(200);
      expect(await icon.text()).toContain('<svg');

      // The config node: registered as a config type, not in the palette, listed in the config sidebar.
      expect(await page.locator(`.red-ui-palette-node[data-palette-type="${CONFIG_TYPE}"]`).count()).toBe(0);
      expect(await page.evaluate((type) => (globalThis as unknown as EditorWindow).RED.nodes.getType(type)?.category, CONFIG_TYPE)).toBe('config');
      await page.evaluate(() => (globalThis as unknown as EditorWindow).RED.sidebar.config.show());
      await page.locator('.red-ui-palette-node-config-type', { hasText: CONFIG_TYPE }).waitFor();
      expect((await page.locator('.red-ui-palette-node-config .red-ui-palette-label').allInnerTexts()).map((s) => s.trim())).toContain(configLabel);

      // The node in the workspace carries its label function's text.
      const label = stat('node.withRange').replace('__mode__', stat('node.byDay')).replace('__range__', stat('node.range.yesterday'));
      expect((await page.locator(`g[id="${STAT}"] .red-ui-flow-node-label`).textContent())?.trim()).toBe(label);
      expect(editor.errors).toEqual([]);
    });

    it('opens the edit dialog with every field labelled from the catalog, rows following Mode, Dates and Owners', async () => {
      await openStatDialog(page);
      expect(await page.locator('.red-ui-tray-header').first().innerText()).toContain(loc.paletteLabel);

      const fields = ['wecom', 'mode', 'dateRange', 'from', 'to', 'ownerSource', 'owners', 'orderBy', 'sortDirection', 'limit', 'ownerRecords', 'clamp', 'output', 'concurrency', 'name'];
      const historyFields = ['historyStart', 'backfillDays', 'startDate', 'readyTime'];
      for (const field of [...fields, ...historyFields]) {
        const label = page.locator(`.red-ui-tray label[for="node-input-${field}"]`);
        expect(await label.count()).toBe(1);
        expect({ field, label: (await label.textContent())?.trim() }).toEqual({ field, label: stat(`label.${field}`) });
      }
      expect(stat('label.mode')).toBe(loc.mode);

      const options: Record<string, Record<string, string>> = {
        mode: { byDay: 'byDay', byOwner: 'byOwner', '': 'msg' },
        dateRange: Object.fromEntries(
          ['yesterday', 'last7Days', 'last30Days', 'last90Days', 'last180Days', 'thisWeek', 'lastWeek', 'thisMonth', 'lastMonth', 'sinceLastRun', 'custom'].map((v) => [v, v]).concat([['', 'msg']]),
        ),
        historyStart: { now: 'now', backfill: 'backfill', date: 'date', '': 'msg' },
        ownerSource: { all: 'all', list: 'list', msg: 'msg' },
        orderBy: { newChatCount: 'newChatCount', chatTotal: 'chatTotal', newMemberCount: 'newMemberCount', memberTotal: 'memberTotal', '': 'msg' },
        sortDirection: { descending: 'descending', ascending: 'ascending', '': 'msg' },
        ownerRecords: { combined: 'combined', perWindow: 'perWindow', '': 'msg' },
        output: { array: 'array', split: 'split' },
      };
      const optionTexts: string[] = [];
      for (const [select, byValue] of Object.entries(options)) {
        expect(await page.locator(`#node-input-${select} option`).count()).toBe(Object.keys(byValue).length);
        for (const [value, key] of Object.entries(byValue)) {
          const shownText = (await page.locator(`#node-input-${select} option[value="${value}"]`).textContent())?.trim();
          expect({ select, value, text: shownText }).toEqual({ select, value, text: stat(`${select}.${key}`) });
          optionTexts.push(shownText ?? '');
        }
      }
      const placeholders: string[] = [];
      for (const field of ['from', 'to', 'owners', 'limit', 'concurrency', 'backfillDays', 'startDate', 'readyTime']) {
        const placeholder = await page.getAttribute(`#node-input-${field}`, 'placeholder');
        expect({ field, placeholder }).toEqual({ field, placeholder: stat(`placeholder.${field}`) });
        placeholders.push(placeholder ?? '');
      }
      expect(await page.getAttribute('#node-input-name', 'placeholder')).toBe(stat('label.name'));
      expect((await page.locator('.red-ui-tray .form-tips:not(.wecom-stat-history-row)').innerText()).trim()).toBe(stripTags(stat('tip.msg')));

      // The node's values, and its config node chosen by the label of wecom-config.
      expect(await page.inputValue('#node-input-mode')).toBe('byDay');
      expect(await page.inputValue('#node-input-dateRange')).toBe('yesterday');
      expect(await page.inputValue('#node-input-ownerSource')).toBe('all');
      expect(await page.inputValue('#node-input-output')).toBe('array');
      expect(await page.inputValue('#node-input-ownerRecords')).toBe('combined');
      expect(await page.isChecked('#node-input-clamp')).toBe(false);
      expect(await page.inputValue('#node-input-wecom')).toBe(CFG);
      expect((await page.locator('#node-input-wecom option:checked').textContent())?.trim()).toBe(configLabel);

      // By day: no sorting or limit; not custom: no From/To; all owners: no list.
      for (const id of ['#node-input-orderBy', '#node-input-sortDirection', '#node-input-limit', '#node-input-ownerRecords', '#node-input-from', '#node-input-to', '#node-input-owners']) {
        await shown(page, id, false);
      }
      await page.selectOption('#node-input-mode', 'byOwner');
      for (const id of ['#node-input-orderBy', '#node-input-sortDirection', '#node-input-limit', '#node-input-ownerRecords']) await shown(page, id, true);
      await page.selectOption('#node-input-mode', 'byDay');
      for (const id of ['#node-input-orderBy', '#node-input-sortDirection', '#node-input-limit', '#node-input-ownerRecords']) await shown(page, id, false);
      await page.selectOption('#node-input-mode', ''); // set by msg.payload.mode: may be by owner
      for (const id of ['#node-input-orderBy', '#node-input-sortDirection', '#node-input-limit', '#node-input-ownerRecords']) await shown(page, id, true);
      await page.selectOption('#node-input-mode', 'byOwner');

      await page.selectOption('#node-input-dateRange', 'custom');
      for (const id of ['#node-input-from', '#node-input-to']) await shown(page, id, true);
      // Clamp right under the dates it clamps, before the owners.
      const custom = await visibleFields(page);
      expect(custom.slice(custom.indexOf('dateRange'), custom.indexOf('dateRange') + 5)).toEqual(['dateRange', 'from', 'to', 'clamp', 'ownerSource']);
      await page.selectOption('#node-input-dateRange', 'last7Days');
      for (const id of ['#node-input-from', '#node-input-to']) await shown(page, id, false);
      const preset = await visibleFields(page);
      expect(preset.slice(preset.indexOf('dateRange'), preset.indexOf('dateRange') + 3)).toEqual(['dateRange', 'clamp', 'ownerSource']);
      // New days since last run: the Start settings, Backfill Days or Start Date as Start says.
      for (const id of ['#node-input-historyStart', '#node-input-readyTime', '#node-input-backfillDays', '#node-input-startDate']) await shown(page, id, false);
      await page.selectOption('#node-input-dateRange', 'sinceLastRun');
      for (const id of ['#node-input-historyStart', '#node-input-readyTime']) await shown(page, id, true);
      await shown(page, '#node-input-clamp', false); // the history names lost days: nothing to clamp
      expect(await page.inputValue('#node-input-historyStart')).toBe('now');
      for (const id of ['#node-input-backfillDays', '#node-input-startDate', '#node-input-from']) await shown(page, id, false);
      expect((await page.locator('.red-ui-tray .form-tips.wecom-stat-history-row').innerText()).trim()).toBe(stripTags(stat('tip.history')));
      await page.selectOption('#node-input-historyStart', 'backfill');
      await shown(page, '#node-input-backfillDays', true);
      await shown(page, '#node-input-startDate', false);
      expect(await enter(page, '#node-input-backfillDays', '181')).toBe(true);
      await tooltipOf(page, '#node-input-backfillDays', stat('errors.backfillDays'));
      expect(await enter(page, '#node-input-backfillDays', '180')).toBe(false);
      expect(await enter(page, '#node-input-readyTime', '24:00')).toBe(true);
      await tooltipOf(page, '#node-input-readyTime', stat('errors.readyTime'));
      expect(await enter(page, '#node-input-readyTime', '08:30')).toBe(false);
      await page.selectOption('#node-input-historyStart', 'date');
      await shown(page, '#node-input-startDate', true);
      await shown(page, '#node-input-backfillDays', false);
      expect(await enter(page, '#node-input-startDate', '2026-02-30')).toBe(true);
      await tooltipOf(page, '#node-input-startDate', stat('errors.date'));
      expect(await enter(page, '#node-input-startDate', '')).toBe(false);
      await page.selectOption('#node-input-dateRange', 'custom');
      for (const id of ['#node-input-historyStart', '#node-input-readyTime', '#node-input-startDate']) await shown(page, id, false);

      await page.selectOption('#node-input-ownerSource', 'list');
      await shown(page, '#node-input-owners', true);
      await page.selectOption('#node-input-ownerSource', 'msg');
      await shown(page, '#node-input-owners', false);
      await page.selectOption('#node-input-ownerSource', 'list');

      // Validators answer with the catalog's messages, in the editor's language.
      expect(await enter(page, '#node-input-limit', '2000')).toBe(true);
      await tooltipOf(page, '#node-input-limit', stat('errors.limit'));
      expect(await enter(page, '#node-input-limit', '10')).toBe(false);
      expect(await enter(page, '#node-input-from', '2026-02-30')).toBe(true);
      await tooltipOf(page, '#node-input-from', stat('errors.date'));
      expect(await enter(page, '#node-input-from', '2026-02-01')).toBe(false);
      expect(await enter(page, '#node-input-concurrency', '51')).toBe(true);
      await tooltipOf(page, '#node-input-concurrency', stat('errors.concurrency'));
      expect(await enter(page, '#node-input-concurrency', '')).toBe(false);
      expect(await enter(page, '#node-input-from', '')).toBe(false);
      expect(await enter(page, '#node-input-limit', '')).toBe(false);

      // Every row shown now: no raw catalog key anywhere in the dialog.
      const dialogText = await page.locator('.red-ui-tray').first().innerText();
      for (const field of fields) expect(dialogText).toContain(stat(`label.${field}`));
      for (const s of [dialogText, ...optionTexts, ...placeholders]) expect(s).not.toMatch(RAW_KEY);

      await page.screenshot({ path: join(OUT, `node-red-editor-${loc.lang}.png`) });

      await page.click('#node-dialog-cancel');
      await noTrays(page);
      const after = await page.evaluate((id) => (globalThis as unknown as EditorWindow).RED.nodes.node(id) as unknown as Record<string, unknown>, STAT);
      expect(after).toMatchObject({ mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all', limit: '' });
      expect(editor.errors).toEqual([]);
    });

    it('edits the config node with the Corp ID shown and the secret never sent to the page', async () => {
      await openStatDialog(page);
      await page.click('#node-input-btn-wecom-edit');
      await shown(page, '#node-config-input-corpId', true);
      expect(await trayTitle(page)).toBe(loc.editConfigTitle);

      for (const field of ['name', 'corpId', 'corpSecret', 'baseUrl']) {
        const label = (await page.locator(`label[for="node-config-input-${field}"]`).textContent())?.trim();
        expect({ field, label }).toEqual({ field, label: cfg(`label.${field}`) });
      }
      expect(await page.getAttribute('#node-config-input-corpId', 'placeholder')).toBe(cfg('placeholder.corpId'));
      expect(await page.getAttribute('#node-config-input-corpSecret', 'placeholder')).toBe(cfg('placeholder.corpSecret'));
      expect(await page.getAttribute('#node-config-input-corpSecret', 'type')).toBe('password');
      expect(await page.inputValue('#node-config-input-corpId')).toBe(CORP_ID);
      expect(await page.inputValue('#node-config-input-corpSecret')).toBe('__PWRD__'); // Node-RED's stand-in for "a secret is set"
      expect(await page.inputValue('#node-config-input-baseUrl')).toBe(emu.baseUrl);
      const tips = (await page.locator('.red-ui-tray .form-tips').allInnerTexts()).map((s) => s.trim());
      expect(tips).toEqual([stripTags(cfg('tip.secret')), stripTags(cfg('tip.emulator'))]);
      const configDialogText = await page.locator('.red-ui-tray').last().innerText();
      expect(configDialogText).not.toMatch(RAW_KEY);

      expect(await enter(page, '#node-config-input-baseUrl', 'ftp://127.0.0.1/x')).toBe(true);
      await tooltipOf(page, '#node-config-input-baseUrl', cfg('errors.baseUrl'));
      expect(await enter(page, '#node-config-input-baseUrl', `${emu.baseUrl}/cgi-bin`)).toBe(false);

      // What the editor got: the Corp ID and has_corpSecret, never the secret.
      const credentials = await page.evaluate((id) => (globalThis as unknown as EditorWindow).RED.nodes.node(id)?.credentials, CFG);
      expect(credentials).toMatchObject({ corpId: CORP_ID, has_corpSecret: true });
      expect(credentials).not.toHaveProperty('corpSecret');
      const api = await page.request.get(`${host.url}/credentials/${CONFIG_TYPE}/${CFG}`);
      expect(await api.json()).toEqual({ corpId: CORP_ID, has_corpSecret: true });
      const flowsSent = await page.request.get(`${host.url}/flows`);
      expect(flowsSent.status()).toBe(200);
      expect(await flowsSent.text()).not.toContain(SECRET);
      expect(await page.content()).not.toContain(SECRET);

      await page.click('#node-config-dialog-cancel');
      await shown(page, '#node-config-input-corpId', false);
      await trays(page, 1);
      await page.click('#node-dialog-cancel');
      await noTrays(page);
      expect(await page.evaluate((id) => (globalThis as unknown as EditorWindow).RED.nodes.node(id) as unknown as Record<string, unknown>, CFG)).toMatchObject({
        baseUrl: emu.baseUrl,
      });
      expect(await page.content()).not.toContain(SECRET);
      expect(editor.errors).toEqual([]);
    });

    it('tests the connection from the config dialog: typed values, the stored secret, a wrong secret with errcode and hint', async () => {
      const answers: Promise<string>[] = [];
      const onResponse = (response: Response): void => {
        if (response.url().endsWith('/wecom-config/test-connection')) answers.push(response.text());
      };
      page.on('response', onResponse);
      const connected = cfg('test.ok').replace('__members__', String(emu.company.ownerIds.length));

      // A new config node: the title names it once, by its paletteLabel.
      await openStatDialog(page);
      await page.click('#node-input-btn-wecom-add');
      await shown(page, '#node-config-input-corpId', true);
      expect(await trayTitle(page)).toBe(loc.addConfigTitle);
      expect(loc.addConfigTitle).toContain(cfg('paletteLabel'));
      expect((await page.locator('#node-config-test-connection').innerText()).trim()).toBe(cfg('test.button'));
      await page.fill('#node-config-input-baseUrl', emu.baseUrl);
      await page.fill('#node-config-input-corpId', CORP_ID);
      expect(await testConnection(page)).toEqual({ ok: 'false', text: cfg('test.missing').replace('__field__', cfg('label.corpSecret')) });
      await page.fill('#node-config-input-corpSecret', SECRET);
      expect(await testConnection(page)).toEqual({ ok: 'true', text: connected });
      await page.click('#node-config-dialog-cancel');
      await shown(page, '#node-config-input-corpId', false);

      // The deployed config node: Node-RED's placeholder stands for the secret kept on the server.
      await page.click('#node-input-btn-wecom-edit');
      await shown(page, '#node-config-input-corpId', true);
      expect(await page.inputValue('#node-config-input-corpSecret')).toBe('__PWRD__');
      expect(await testConnection(page)).toEqual({ ok: 'true', text: connected });
      await page.fill('#node-config-input-corpSecret', 'a-wrong-secret-typed-in-the-editor');
      const wrong = await testConnection(page);
      // Our hint first, in the editor's language; then WeCom's errcode and words.
      const said = cfg('test.failed').replace('__endpoint__', 'gettoken').replace('__errcode__', '40001').replace('__errmsg__', 'invalid credential, hint: [');
      expect(wrong.ok).toBe('false');
      expect(wrong.text).not.toMatch(RAW_KEY);
      expect(wrong.text.startsWith(`${loc.hint40001} ${said}`)).toBe(true);
      expect(said.startsWith(loc.said40001)).toBe(true);
      expect(wrong.text).toMatch(/more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=40001$/);
      await page.screenshot({ path: join(OUT, `node-red-test-connection-${loc.lang}.png`) });
      await page.click('#node-config-dialog-cancel');
      await shown(page, '#node-config-input-corpId', false);
      await trays(page, 1);
      await page.click('#node-dialog-cancel');
      await noTrays(page);

      page.off('response', onResponse);
      const bodies = await Promise.all(answers);
      expect(bodies).toHaveLength(4);
      for (const value of [SECRET, ...emu.issuedTokens()]) for (const body of bodies) expect(body).not.toContain(value);
      expect(await page.content()).not.toContain(SECRET);
      expect(editor.errors).toEqual([]);
    });

    it('shows the help of both nodes in the editor language', async () => {
      const help = page.locator('.red-ui-sidebar-help-stack .red-ui-panel > .red-ui-help');
      await page.evaluate((type) => (globalThis as unknown as EditorWindow).RED.sidebar.help.show(type), STAT_TYPE);
      await help.locator('h3', { hasText: loc.helpH3[0] }).first().waitFor();
      const statHeadings = (await help.locator('h3').allInnerTexts()).map((s) => s.trim());
      expect(statHeadings).toEqual(helpHeadings(loc.lang, STAT_TYPE));
      expect(statHeadings).toEqual(expect.arrayContaining(loc.helpH3));
      const statHelp = await help.innerText();
      expect(statHelp).toContain(loc.paletteLabel);
      expect(statHelp).toContain(loc.intro);
      expect(statHelp).toContain('msg.payload');
      expect(statHelp).toContain('payload.mode');
      expect(statHelp).toContain('wecom.error');
      expect(statHelp).not.toMatch(loc.other);
      expect(statHelp).not.toMatch(RAW_KEY);

      await page.evaluate((type) => (globalThis as unknown as EditorWindow).RED.sidebar.help.show(type), CONFIG_TYPE);
      const configHeadings = helpHeadings(loc.lang, CONFIG_TYPE);
      await help.locator('h3', { hasText: configHeadings[0] }).first().waitFor();
      expect((await help.locator('h3').allInnerTexts()).map((s) => s.trim())).toEqual(configHeadings);
      const configHelp = await help.innerText();
      expect(configHelp).toContain(cfg('paletteLabel'));
      expect(configHelp).toContain('ww_emulator_corp');
      expect(configHelp).not.toContain(SECRET);
      expect(editor.errors).toEqual([]);
    });

    it("lists the package's example flows under Import > Examples and imports one with known node types", async () => {
      expect(EXAMPLES).toEqual(['daily-history-to-csv', 'daily-report-to-file', 'weekly-owner-ranking']);
      await page.click('#red-ui-header-button-sidemenu');
      await page.click('#menu-item-import');
      await page.click('#red-ui-tab-red-ui-clipboard-dialog-import-tab-examples a');
      const tree = page.locator('#red-ui-clipboard-dialog-import-tab-examples');
      await tree.locator('.red-ui-treeList-label-text', { hasText: MODULE }).click();
      for (const name of EXAMPLES) {
        await tree.locator('.red-ui-treeList-label-text', { hasText: name }).waitFor();
      }
      const moduleFolder = tree.locator('.red-ui-treeList-label', { has: page.locator('.red-ui-treeList-label-text', { hasText: MODULE }) });
      const listed = (await moduleFolder.locator('xpath=following-sibling::*').locator('.red-ui-treeList-label-text').allInnerTexts()).map((s) => s.trim());
      expect(listed.sort()).toEqual(EXAMPLES);

      await tree.locator('.red-ui-treeList-label-text', { hasText: EXAMPLES[0] }).click();
      await page.click('#red-ui-clipboard-dialog-import-opt-new');
      await page.click('#red-ui-clipboard-dialog-ok');
      const original = JSON.parse(readFileSync(join(ROOT, 'examples', `${EXAMPLES[0]}.json`), 'utf8')) as { type: string; z?: string }[];
      // The import lands on a new flow tab, which becomes the active one.
      await page.waitForFunction(
        ({ tab, count }) => {
          const RED = (globalThis as unknown as EditorWindow).RED;
          return RED.workspaces.active() !== tab && RED.nodes.filterNodes({ z: RED.workspaces.active() }).length === count;
        },
        { tab: TAB, count: original.filter((n) => n.z).length },
        { timeout: 10_000 },
      );
      const imported = await page.evaluate(() => {
        const RED = (globalThis as unknown as EditorWindow).RED;
        const nodes = RED.nodes.filterNodes({ z: RED.workspaces.active() });
        return { types: nodes.map((n) => n.type).sort(), unknown: nodes.filter((n) => !RED.nodes.getType(n.type)).map((n) => n.type) };
      });
      expect(imported.unknown).toEqual([]);
      expect(imported.types).toEqual(original.filter((n) => n.z).map((n) => n.type).sort());
      expect(imported.types).toContain(STAT_TYPE);
      expect(editor.errors).toEqual([]);
    });
  });
});

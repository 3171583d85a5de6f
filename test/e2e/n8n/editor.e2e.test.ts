import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { selectors, type Browser, type Locator, type Page } from 'playwright-core';
import { formatDay, todayInChina } from '../../../core/dates/chinaDay';
import { hintFor } from '../../../core/errors/hints';
import { startEmulator, type Emulator } from '../../../emulator';
import { launchChromium, openWatchedPage, type WatchedPage } from '../../support/chromium';
import { ROOT } from '../support/hosts';
import { N8nHost, OWNER } from '../support/n8nHost';

jest.setTimeout(120_000);

const PACKAGE = 'n8n-nodes-wecom-groupchat';
const NODE = 'WeCom Group Chat Statistic';
const TRIGGER_NODE = 'WeCom Group Chat Statistic Trigger';
const TRIGGER = 'When clicking ‘Execute workflow’';
const WRONG_SECRET = 'wrong-secret-0123456789';
const OUT = join(ROOT, 'out/e2e/n8n-editor');

// The parameters each choice shows (description/properties.ts), by their labels, top to bottom.
const CREDENTIAL = 'Credential to connect with';
const BY_DAY = [CREDENTIAL, 'Mode', 'Date Range', 'Owners', 'Options'];
const BY_OWNER = [CREDENTIAL, 'Mode', 'Date Range', 'Owners', 'Sort By', 'Sort Direction', 'Return All', 'Limit', 'Options'];
const BY_OWNER_CUSTOM = [CREDENTIAL, 'Mode', 'Date Range', 'From', 'To', 'Owners', 'Sort By', 'Sort Direction', 'Return All', 'Limit', 'Options'];
const BY_DAY_CUSTOM = [CREDENTIAL, 'Mode', 'Date Range', 'From', 'To', 'Owners', 'Options'];
// The Date Range options as people think of them, not alphabetically.
const DATE_RANGES = ['Yesterday', 'Last 7 Days', 'Last 30 Days', 'Last 90 Days', 'Last 180 Days', 'This Week', 'Last Week', 'This Month', 'Last Month', 'Custom'];

/** Reads until it equals `expected` (the editor re-renders after a choice) or 10 s pass; returns the last read. */
async function settle<T>(read: () => Promise<T>, expected: T): Promise<T> {
  const end = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (isDeepStrictEqual(value, expected) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The labels of the parameters the node details view shows now (a label's first span is its title). */
async function parameterLabels(page: Page): Promise<string[]> {
  const labels = await page.getByTestId('node-parameters').locator('label.n8n-input-label:visible').all();
  return Promise.all(labels.map(async (label) => (await label.locator('span').first().innerText()).trim()));
}

/**
 * n8n answers its REST API (the owner setup) a few seconds before it serves the editor: in
 * between, pages are "n8n is starting up" and then 404.
 */
async function editorServed(baseUrl: string): Promise<void> {
  const end = Date.now() + 30_000;
  const served = async () => {
    const response = await fetch(`${baseUrl}/signin`);
    return response.ok && (await response.text()).includes('id="app"');
  };
  while (!(await served())) {
    if (Date.now() > end) throw new Error(`n8n serves no editor at ${baseUrl}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Picks an option of a select parameter; options are named by their name and description. */
async function choose(page: Page, parameter: string, option: string): Promise<void> {
  await page.getByTestId(`parameter-input-${parameter}`).click();
  await page.getByRole('option', { name: new RegExp(`^${option}`) }).click();
}

describe(`n8n editor in Chromium: ${NODE}`, () => {
  let host: N8nHost;
  let server: Awaited<ReturnType<N8nHost['startServer']>>;
  let emu: Emulator;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;
  /** Requests that would leave the machine, refused in the browser. */
  const blocked = new Set<string>();
  /** Console errors logged before the owner signed in (the sign-in page's 401 on /rest/login). */
  let consoleErrorsBeforeSignIn = 0;

  const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`) });
  const credentialModal = (): Locator => page.getByTestId('editCredential-modal');
  const credentialField = (name: string): Locator => credentialModal().getByTestId(`parameter-input-${name}`).getByTestId('parameter-input-field');
  const noErrors = () => {
    expect(watched.errors).toEqual([]);
    expect(watched.consoleErrors.slice(consoleErrorsBeforeSignIn).filter((e) => !blocked.has(e.url))).toEqual([]);
  };

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    selectors.setTestIdAttribute('data-test-id'); // n8n's name for it: getByTestId finds n8n's own ids
    emu = await startEmulator({ port: 0 });
    host = new N8nHost('n8n');
    server = await host.startServer();
    browser = await launchChromium();
    watched = await openWatchedPage(browser, 'en-US');
    page = watched.page;
    page.setDefaultTimeout(20_000);
    await watched.context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        blocked.add(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
  });

  afterAll(async () => {
    // Each one is stopped even when another fails to stop.
    const stopped = await Promise.allSettled([browser?.close(), server?.stop(), emu?.close()]);
    host?.dispose();
    for (const result of stopped) if (result.status === 'rejected') throw result.reason;
  });

  it('signs the owner in through the form and starts a new workflow', async () => {
    await editorServed(server.baseUrl);
    await page.goto(`${server.baseUrl}/signin`);
    await page.getByTestId('emailOrLdapLoginId').locator('input').fill(OWNER.email);
    await page.getByTestId('password').locator('input').fill(OWNER.password);
    await page.getByTestId('form-submit-button').click();
    await page.waitForURL(/\/home\/workflows/);
    consoleErrorsBeforeSignIn = watched.consoleErrors.length;
    // Not the home page's "Start from scratch" card: n8n 2.8.4's canvas then logs "Could not resolve undefined".
    await page.goto(`${server.baseUrl}/workflow/new`);
    await page.getByTestId('canvas-add-button').click();
    await page.getByTestId('node-creator-node-item').filter({ hasText: 'Trigger manually' }).click();
    await page.getByTestId('canvas-node').filter({ hasText: TRIGGER }).waitFor();
    await shot('01-manual-trigger');
    noErrors();
  });

  it('finds the node and its trigger in the nodes panel by "WeCom" and by "企业微信" (their codex aliases)', async () => {
    // n8n reads the aliases from the node's .node.json into its description's codex.
    const types = (await (await page.request.get(`${server.baseUrl}/types/nodes.json`)).json()) as { name: string; codex?: { alias?: string[] } }[];
    expect(types.find((t) => t.name === `${PACKAGE}.weComGroupChatStatistic`)?.codex?.alias).toEqual(expect.arrayContaining(['企业微信', 'WeCom']));

    await page.getByTestId('canvas-handle-plus').first().click();
    const search = page.getByTestId('node-creator-search-bar');
    const found = page.getByTestId('node-creator-item-name');
    for (const [term, name] of [
      ['WeCom', '02-search-wecom'],
      ['企业微信', '03-search-qiye-weixin'],
    ]) {
      await search.fill(term);
      // Both nodes of the package, the statistic node and its trigger, carry the aliases.
      const both = [NODE, TRIGGER_NODE];
      expect(await settle(async () => (await found.allInnerTexts()).sort(), both)).toEqual(both);
      await shot(name);
    }
    noErrors();
  });

  it('adds the node after the Manual Trigger and shows the fields of By Day, By Owner and a custom range', async () => {
    await page.getByTestId('node-creator-node-item').filter({ has: page.getByTestId('node-creator-item-name').getByText(NODE, { exact: true }) }).click();
    // A community node opens its details first (n8n looks up the package on npm: blocked here).
    await page.getByTestId('item-iterator-item').filter({ hasText: 'Add to workflow' }).click();
    await page.getByTestId('ndv').waitFor();
    expect(await page.getByTestId('node-title-container').innerText()).toBe(NODE);
    expect(await page.getByTestId('edge').count()).toBe(1); // Manual Trigger -> our node
    expect(await settle(() => parameterLabels(page), BY_DAY)).toEqual(BY_DAY);
    await shot('04-by-day');

    // The dropdown lists the options by name (first line) and description.
    await page.getByTestId('parameter-input-dateRange').click();
    const options = async () => (await page.getByRole('option').allInnerTexts()).map((text) => text.split('\n')[0].trim());
    expect(await settle(options, DATE_RANGES)).toEqual(DATE_RANGES);
    await shot('04b-date-range-options');
    await page.getByRole('option', { name: /^Yesterday/ }).click();

    await choose(page, 'mode', 'By Owner');
    expect(await settle(() => parameterLabels(page), BY_OWNER)).toEqual(BY_OWNER);
    await shot('05-by-owner');

    await choose(page, 'dateRange', 'Custom');
    expect(await settle(() => parameterLabels(page), BY_OWNER_CUSTOM)).toEqual(BY_OWNER_CUSTOM);
    await shot('06-by-owner-custom-range');
    noErrors();
  });

  it('creates the WeCom API credential in its modal: a wrong secret shows errcode 40001 and the hint, the right one passes', async () => {
    await page.getByTestId('node-credentials-select').click();
    await page.getByTestId('node-credentials-select-item-new').click();
    await credentialModal().waitFor();
    await credentialField('corpId').fill(emu.corpId);
    await credentialField('corpSecret').fill(WRONG_SECRET);
    await credentialField('baseUrl').fill(emu.baseUrl);
    // Screenshots show the secret as dots only.
    expect(await credentialField('corpSecret').getAttribute('type')).toBe('password');

    await credentialModal().getByTestId('credential-save-button').click();
    await credentialModal().getByText('Couldn’t connect with these settings').waitFor();
    await credentialModal().getByText('More details').click();
    const failure = await credentialModal().getByText(/errcode 40001/).innerText();
    expect(failure).toContain('WeCom gettoken failed: errcode 40001 invalid credential');
    expect(failure).toContain(hintFor(40001));
    expect(failure).not.toContain(WRONG_SECRET);
    await shot('07-credential-wrong-secret');

    await credentialField('corpSecret').fill(emu.corpSecret);
    await credentialModal().getByTestId('credential-save-button').click();
    const success = credentialModal().getByTestId('credentials-config-container-test-success');
    await success.waitFor();
    expect(await success.innerText()).toContain('Connection tested successfully');
    await shot('08-credential-tested');
    await credentialModal().getByRole('button', { name: 'Close this dialog' }).click();
    await credentialModal().waitFor({ state: 'hidden' });
    expect(await page.getByTestId('node-credentials-select').locator('input').inputValue()).toBe('WeCom account');
    for (const secret of [emu.corpSecret, WRONG_SECRET]) expect(await page.content()).not.toContain(secret);
    noErrors();
  });

  it('executes the node by day for the last 7 days, all members: the output panel shows 7 items', async () => {
    await choose(page, 'mode', 'By Day');
    await choose(page, 'dateRange', 'Last 7 Days');
    expect(await settle(() => parameterLabels(page), BY_DAY)).toEqual(BY_DAY);
    const calls = emu.callCount('groupchat/statistic_group_by_day');
    const today = todayInChina();

    await page.getByTestId('node-execute-button').click();
    const output = page.getByTestId('output-panel');
    await output.getByTestId('node-run-status-success').waitFor({ timeout: 60_000 });
    expect(await output.getByTestId('ndv-items-count').innerText()).toBe('7 items');
    expect(await page.getByTestId('ndv-input-panel').innerText()).toContain(TRIGGER);
    const table = await output.getByTestId('ndv-data-container').innerText();
    for (let day = today - 7; day < today; day++) expect(table).toContain(formatDay(day));
    expect(table).not.toContain(formatDay(today));
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBe(calls + Math.ceil(emu.company.ownerIds.length / 100));
    await shot('09-executed-7-items');
    noErrors();
  });

  it('executes with a From in the future and To empty: the error names From and says to turn on Clamp to Available Days, and no call is made', async () => {
    const today = todayInChina();
    const future = formatDay(today + 30);
    await choose(page, 'dateRange', 'Custom');
    expect(await settle(() => parameterLabels(page), BY_DAY_CUSTOM)).toEqual(BY_DAY_CUSTOM);
    // As typed into the date picker: its format has a time of day.
    const from = page.getByTestId('parameter-input-from').locator('input');
    await from.click();
    await from.fill(`${future} 00:00:00`);
    await from.press('Enter');
    await shot('10a-future-from');
    const calls = emu.callCount();

    await page.getByTestId('node-execute-button').click();
    const output = page.getByTestId('output-panel');
    const message = output.getByText(/^Invalid From: /);
    await message.waitFor({ timeout: 60_000 });
    expect(await message.innerText()).toBe(
      `Invalid From: ${future} is today or later in China time, and WeCom has data only up to yesterday. ` +
        `Allowed: a day up to ${formatDay(today - 1)}, or turn on Clamp to Available Days.`,
    );
    const shown = await output.innerText();
    expect(shown).not.toMatch(/Invalid to:|Invalid from:|clamping/);
    expect(shown).toContain('Parameter: From.');
    expect(emu.callCount()).toBe(calls);
    await shot('10b-future-from-error');
    noErrors();
  });

  it('logs no page error, and no console error but for requests it refused to send off the machine', () => {
    expect([...blocked]).toEqual([`https://registry.npmjs.org/${PACKAGE}`]);
    noErrors();
  });
});

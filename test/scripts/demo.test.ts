import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { emptyHomeAndTmp } from '../support/emptyHome';

const run = promisify(execFile);
const DEMO = 'dist/scripts/demo/main.js';

/** The row of console.table's output for `host`, as its cells. */
function tableRow(stdout: string, host: string): string[] {
  const line = stdout.split('\n').find((candidate) => candidate.includes(`'${host}'`));
  if (!line) throw new Error(`no row for ${host} in:\n${stdout}`);
  return line.split('│').map((cell) => cell.trim()).filter(Boolean);
}

// Runs the README's demo as a user would (from the built dist/), on a small company.
describe('npm run demo', () => {
  const out = mkdtempSync(join(tmpdir(), 'wecom-demo-'));
  const home = emptyHomeAndTmp();
  let stdout = '';
  let stderr = '';
  let browser: Browser | undefined;

  beforeAll(async () => {
    ({ stdout, stderr } = await run(process.execPath, [DEMO], { env: { ...process.env, ...home.env, DEMO_OWNERS: '120', DEMO_OUT: out }, timeout: 60_000 }));
  }, 70_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(out, { recursive: true, force: true });
    home.remove();
  });

  it('runs the job through the n8n node and the Node-RED node, which agree', () => {
    expect(stdout).toMatch(/^WeCom emulator at http:\/\/127\.0\.0\.1:\d+: a company with 120 members with Customer Contact\./);
    expect(stdout).toMatch(/n8n node \(n8n-core \d+\.\d+\.\d+, in process\) and the Node-RED node \(Node-RED \d+\.\d+\.\d+, embedded\)/);
    expect(stdout).toContain('Both hosts returned the same records: 90 by day, 120 by owner.');
    expect(stdout).toMatch(/90 days: \d+ new chats, \d+ new members\./);
  });

  it('writes nothing into the home folder and leaves no temporary folder behind', () => {
    expect(`${stdout}${stderr}`).not.toContain('encryption key');
    expect(home.leftovers()).toEqual([]);
  });

  it('prints each host\'s calls: the minimum, one token shared by both modes', () => {
    // 3 windows x 2 batches of owners per mode; one owner list per mode.
    expect(stdout).toContain('Statistic calls needed for both modes: 12');
    for (const host of ['n8n', 'Node-RED']) {
      expect(tableRow(stdout, host).slice(1)).toEqual([`'${host}'`, '1', '2', '6', '6', '15']);
    }
  });

  it('writes a CSV file per mode', () => {
    const byDay = readFileSync(join(out, 'by-day.csv'), 'utf8').trim().split('\n');
    const byOwner = readFileSync(join(out, 'by-owner.csv'), 'utf8').trim().split('\n');
    expect(byDay[0]).toBe('date,stat_time,owner_count,new_chat_cnt,chat_total,chat_has_msg,new_member_cnt,member_total,member_has_msg,msg_total');
    expect(byDay).toHaveLength(1 + 90);
    expect(byDay[1]).toMatch(/^\d{4}-\d{2}-\d{2},\d+,120,/);
    expect(byOwner[0]).toBe('owner,start_date,end_date,day_begin_time,day_end_time,as_of_date,as_of_time,new_chat_cnt,chat_total,chat_has_msg,new_member_cnt,member_total,member_has_msg,msg_total');
    // One row per owner for the 90 days, not one per owner per window.
    expect(byOwner).toHaveLength(1 + 120);
    expect(new Set(byOwner.slice(1).map((line) => line.split(',')[0])).size).toBe(120);
  });

  it('writes an HTML report that renders in Chromium with a point per day in each chart', async () => {
    browser = await launchChromium();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(join(out, 'report.html')).href);

    const charts = page.locator('svg.chart');
    expect(await charts.evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('data-series')))).toEqual(['new_chat_cnt', 'new_member_cnt', 'msg_total']);
    for (const svg of await charts.all()) {
      expect(await svg.locator('circle').count()).toBe(90);
      expect((await svg.locator('polyline').getAttribute('points'))?.trim().split(' ')).toHaveLength(90);
      // Drawn, not just present: the browser laid it out with a real size.
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(500);
      expect(box?.height).toBeGreaterThan(50);
    }
    // Each dot's hover title is its day and value, matching the CSV.
    const csvFirstDay = readFileSync(join(out, 'by-day.csv'), 'utf8').split('\n')[1].split(',');
    expect(await page.locator('svg[data-series="new_chat_cnt"] circle title').first().textContent()).toBe(`${csvFirstDay[0]}: ${csvFirstDay[3]}`);

    const ranking = page.locator('#ranking tbody tr');
    expect(await ranking.count()).toBe(20);
    const newChats = await ranking.evaluateAll((rows) => rows.map((row) => Number(row.children[2].textContent?.replace(/,/g, ''))));
    expect(newChats).toEqual([...newChats].sort((a, b) => b - a));
    // The core's combined ranking, as the CSV has it: the report does no summing of its own.
    const owners = await ranking.evaluateAll((rows) => rows.map((row) => row.children[1].textContent));
    const csvRows = readFileSync(join(out, 'by-owner.csv'), 'utf8').trim().split('\n').slice(1, 21).map((line) => line.split(','));
    expect(owners).toEqual(csvRows.map((cells) => cells[0]));
    expect(newChats).toEqual(csvRows.map((cells) => Number(cells[7])));
    expect(await page.title()).toMatch(/^WeCom customer group chats, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} \(90 days\)$/);
    expect(errors).toEqual([]);
  });

  it('fails with a clear message and a non-zero exit on a bad setting', async () => {
    const failure = await run(process.execPath, [DEMO], { env: { ...process.env, ...home.env, DEMO_OWNERS: 'lots', DEMO_OUT: out }, timeout: 30_000 }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('Demo failed: DEMO_OWNERS must be a whole number of members from 1 to 99999, got "lots"') });
    expect(home.leftovers()).toEqual([]);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { chinaTimeInWords } from '../../scripts/demo/format';
import { launchChromium, openWatchedPage } from '../support/chromium';
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
  let ranFrom = 0;
  let ranTo = 0;

  /** report.html in Chromium, with the page's errors collected. */
  async function openReport(): Promise<{ page: Page; errors: string[] }> {
    browser ??= await launchChromium();
    const { page, errors } = await openWatchedPage(browser, 'en-US');
    await page.goto(pathToFileURL(join(out, 'report.html')).href);
    return { page, errors };
  }

  beforeAll(async () => {
    ranFrom = Date.now();
    ({ stdout, stderr } = await run(process.execPath, [DEMO], { env: { ...process.env, ...home.env, DEMO_OWNERS: '120', DEMO_OUT: out }, timeout: 60_000 }));
    ranTo = Date.now();
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
    const { page, errors } = await openReport();

    const charts = page.locator('svg.chart');
    // Every daily figure of by-day.csv (the emulator's company is no school: no migrated trainee groups).
    expect(await charts.evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('data-series')))).toEqual([
      'new_chat_cnt', 'new_member_cnt', 'chat_total', 'chat_has_msg', 'member_total', 'member_has_msg', 'msg_total',
    ]);
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
    // Static: no script to run, none to block.
    expect(await page.locator('script').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('gives each chart axes a manager can read: round ticks from zero, a tick per Monday, axis titles', async () => {
    const { page, errors } = await openReport();
    const charts = await page.locator('svg.chart').evaluateAll((svgs) =>
      svgs.map((svg) => {
        const texts = (selector: string): { text: string; top: number; middle: number }[] =>
          [...svg.querySelectorAll(selector)].map((text) => {
            const box = text.getBoundingClientRect();
            return { text: text.textContent ?? '', top: box.top, middle: (box.top + box.bottom) / 2 };
          });
        const baseline = svg.querySelector('line.baseline')?.getBoundingClientRect();
        return {
          field: svg.getAttribute('data-series'),
          yTicks: texts('text.y-tick'),
          baselineY: baseline ? (baseline.top + baseline.bottom) / 2 : NaN,
          dataTop: svg.querySelector('polyline')?.getBoundingClientRect().top ?? NaN,
          xTickMarks: svg.querySelectorAll('line.x-tick').length,
          xLabels: texts('text.x-label').map((label) => label.text),
          axisTitles: texts('text.axis-title').map((title) => title.text),
        };
      }),
    );
    const dates = readFileSync(join(out, 'by-day.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[0]);
    const mondays = dates.filter((date) => new Date(`${date}T12:00:00Z`).getUTCDay() === 1);
    expect(mondays).toHaveLength(13);
    expect(charts).toHaveLength(7);
    for (const chart of charts) {
      const label = `chart ${chart.field}`;
      expect([label, chart.yTicks.length >= 4 && chart.yTicks.length <= 8]).toEqual([label, true]);
      // Top to bottom on screen: the last is the lowest, "0", on the baseline.
      const ticks = [...chart.yTicks].sort((a, b) => a.middle - b.middle);
      expect([label, ticks.at(-1)?.text]).toEqual([label, '0']);
      expect(Math.abs((ticks.at(-1)?.middle ?? NaN) - chart.baselineY)).toBeLessThan(1.5);
      // Evenly spaced gridlines, the top one at or above the highest point.
      const gaps = ticks.slice(1).map((tick, i) => tick.middle - ticks[i].middle);
      expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(1);
      expect(ticks[0].middle).toBeLessThanOrEqual(chart.dataTop + 1);
      // Rounded values: "1.5M", "250K", "15", never "1,552,421".
      for (const tick of ticks) expect([label, tick.text]).toEqual([label, expect.stringMatching(/^\d{1,3}(\.\d)?[KM]?$/)]);
      expect(chart.xTickMarks).toBe(mondays.length);
      expect(chart.xLabels).toEqual(mondays.map((date) => date.slice(5)));
      expect(chart.axisTitles).toEqual([expect.stringMatching(/^[A-Z][a-z ]+ \((groups|members|messages)(, as of each day| per day)\)$/), 'Date (China time)']);
    }
    const messageTicks = charts.find((chart) => chart.field === 'msg_total')?.yTicks.map((tick) => tick.text);
    expect(messageTicks?.some((tick) => /^\d+(\.\d)?[KM]$/.test(tick))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('lays out the report with no text over other text or over the data, and ranking values after their bars', async () => {
    const { page, errors } = await openReport();
    type Box = { left: number; right: number; top: number; bottom: number; what: string };
    const layout = await page.locator('body').evaluate((body) => {
      // The page's own Element type (the tests compile without the DOM library).
      type Shown = NonNullable<ReturnType<typeof body.querySelector>>;
      const box = (element: Shown | null, what: string): Box => {
        const { left, right, top, bottom } = element?.getBoundingClientRect() ?? { left: NaN, right: NaN, top: NaN, bottom: NaN };
        return { left, right, top, bottom, what };
      };
      return {
        texts: [...body.querySelectorAll('svg text')].map((text) => box(text, `text "${text.textContent}"`)),
        data: [...body.querySelectorAll('svg polyline, svg circle')].map((shape) => box(shape, shape.tagName)),
        bars: [...body.querySelectorAll('#ranking td.bar')].map((cell) => ({
          cell: box(cell, 'cell'),
          fill: box(cell.querySelector('.fill'), 'bar'),
          value: box(cell.querySelector('.value'), `value ${cell.textContent}`),
        })),
      };
    });
    // Shared edges are not overlaps: boxes must cross by more than half a pixel.
    const overlap = (a: Box, b: Box): boolean =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const clashes: string[] = [];
    layout.texts.forEach((a, i) => {
      for (const b of layout.texts.slice(i + 1)) if (overlap(a, b)) clashes.push(`${a.what} / ${b.what}`);
      for (const shape of layout.data) if (overlap(a, shape)) clashes.push(`${a.what} / ${shape.what}`);
    });
    // At least 4 Y ticks, 13 Mondays and 2 axis titles in each of the 7 charts: all of them measured.
    expect(layout.texts.length).toBeGreaterThanOrEqual(7 * (4 + 13 + 2));
    expect(clashes).toEqual([]);

    expect(layout.bars).toHaveLength(20);
    for (const { cell, fill, value } of layout.bars) {
      expect([value.what, value.left >= fill.right]).toEqual([value.what, true]);
      expect([value.what, value.right <= cell.right]).toEqual([value.what, true]);
      expect(fill.right - fill.left).toBeGreaterThan(0);
    }
    // The longest bar is the top owner's.
    const widths = layout.bars.map(({ fill }) => fill.right - fill.left);
    expect(Math.max(...widths)).toBe(widths[0]);
    expect(errors).toEqual([]);
  });

  it('says when it was generated, in China time and in words', async () => {
    const { page } = await openReport();
    const minutes: string[] = [];
    for (let minute = Math.floor(ranFrom / 60_000); minute <= Math.floor(ranTo / 60_000); minute += 1) {
      minutes.push(`Generated ${chinaTimeInWords(new Date(minute * 60_000))}`);
    }
    const generated = await page.locator('#generated').textContent();
    expect(generated).toMatch(/^Generated \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} China time \(UTC\+8\)$/);
    expect(minutes).toContain(generated);
  });

  it('fails with a clear message and a non-zero exit on a bad setting', async () => {
    const failure = await run(process.execPath, [DEMO], { env: { ...process.env, ...home.env, DEMO_OWNERS: 'lots', DEMO_OUT: out }, timeout: 30_000 }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('Demo failed: DEMO_OWNERS must be a whole number of members from 1 to 99999, got "lots"') });
    expect(home.leftovers()).toEqual([]);
  });
});

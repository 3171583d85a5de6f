import type { Browser } from 'playwright-core';
import { STAT_FIELDS } from '../../core/records/fields';
import { renderReport } from '../../scripts/demo/htmlReport';
import type { DayRow, OwnerRow } from '../../scripts/demo/ranking';
import { launchChromium } from '../support/chromium';

const day = (date: string, extra: Partial<DayRow> = {}): DayRow => ({
  date,
  stat_time: 0,
  owner_count: 1,
  new_chat_cnt: 1,
  chat_total: 10,
  chat_has_msg: 5,
  new_member_cnt: 3,
  member_total: 30,
  member_has_msg: 9,
  msg_total: 1000,
  ...extra,
});
const owner = (id: string, newChats: number): OwnerRow => ({
  owner: id,
  start_date: '2026-09-04',
  end_date: '2026-09-05',
  day_begin_time: 0,
  day_end_time: 0,
  new_chat_cnt: newChats,
  chat_total: newChats,
  chat_has_msg: 0,
  new_member_cnt: 0,
  member_total: 0,
  member_has_msg: 0,
  msg_total: 0,
});
const report = (days: DayRow[], owners: OwnerRow[] = []): string =>
  renderReport({ days, owners, ownerCount: 1, source: 'a test', generatedAt: new Date('2026-12-02T09:30:00Z') });
// In any order: the report puts the added counts first.
const chartedFields = (html: string): string[] => [...html.matchAll(/data-series="([a-z_]+)"/g)].map((match) => match[1]).sort();

describe('renderReport', () => {
  it('draws a chart for every daily figure of WeCom\'s, migrated trainee groups included where WeCom returns them', () => {
    const html = report([day('2026-09-04', { migrate_trainee_chat_cnt: 2 }), day('2026-09-05', { migrate_trainee_chat_cnt: 3 })]);
    expect(chartedFields(html)).toEqual(Object.keys(STAT_FIELDS).sort());
  });

  it('leaves out the migrated trainee groups chart where WeCom does not return them', () => {
    expect(chartedFields(report([day('2026-09-04'), day('2026-09-05')]))).toEqual(Object.keys(STAT_FIELDS).filter((field) => field !== 'migrate_trainee_chat_cnt').sort());
  });

  it('says when it was generated in China time, in words', () => {
    expect(report([day('2026-09-04')])).toContain('Generated 2 December 2026, 17:30 China time (UTC+8)');
  });

  describe('in Chromium', () => {
    let browser: Browser | undefined;
    afterAll(async () => {
      await browser?.close();
    });

    it('puts each ranking value after its bar, inside its cell, for large values in a narrow window too', async () => {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 640, height: 900 } });
      await page.setContent(report([day('2026-09-04')], [owner('zhangsan', 123_456), owner('lisi', 99_999), owner('wangwu', 7)]));
      const bars = await page.locator('#ranking td.bar').evaluateAll((cells) =>
        cells.map((cell) => {
          const [fill, value] = [cell.querySelector('.fill'), cell.querySelector('.value')].map((part) => part?.getBoundingClientRect());
          return { value: value?.left ?? NaN, valueEnd: value?.right ?? NaN, fillEnd: fill?.right ?? NaN, cellEnd: cell.getBoundingClientRect().right, text: cell.textContent };
        }),
      );
      expect(bars.map((bar) => bar.text)).toEqual(['123,456', '99,999', '7']);
      for (const bar of bars) {
        expect(bar.value).toBeGreaterThanOrEqual(bar.fillEnd);
        expect(bar.valueEnd).toBeLessThanOrEqual(bar.cellEnd);
      }
    });

    it('labels every other Monday when weekly labels would touch, as over 180 days', async () => {
      browser ??= await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      const days = Array.from({ length: 180 }, (_, i) => day(new Date(Date.UTC(2026, 5, 1 + i)).toISOString().slice(0, 10)));
      await page.setContent(report(days));
      const chart = page.locator('svg[data-series="new_chat_cnt"]');
      const mondays = days.filter((d) => new Date(`${d.date}T12:00:00Z`).getUTCDay() === 1);
      expect(await chart.locator('line.x-tick').count()).toBe(mondays.length);
      const labels = await chart.locator('text.x-label').evaluateAll((texts) =>
        texts.map((text) => ({ text: text.textContent, left: text.getBoundingClientRect().left, right: text.getBoundingClientRect().right })),
      );
      expect(labels.map((label) => label.text)).toEqual(mondays.filter((_, i) => i % 2 === 0).map((d) => d.date.slice(5)));
      for (const [i, label] of labels.slice(1).entries()) expect(label.left).toBeGreaterThan(labels[i].right);
    });
  });
});

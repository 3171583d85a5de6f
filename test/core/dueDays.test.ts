import { advanceCursor, DEFAULT_READY_TIME, dueDays, lastReadyDay, type HistorySettings } from '../../core/history/dueDays';
import { describeDays, LostDaysError } from '../../core/history/lostDays';
import { invalid } from '../support/expectInvalid';
import { setServerTimeZone } from '../support/serverTimeZone';

/** A fixed clock in China time: never the real date. */
const at = (chinaTime: string): (() => number) => {
  const millis = Date.parse(`${chinaTime}+08:00`);
  if (Number.isNaN(millis)) throw new Error(`bad test clock ${chinaTime}`);
  return () => millis;
};
const NOW: HistorySettings = { start: { from: 'now' } };
/** Consecutive YYYY-MM-DD days, computed without core. */
const run = (first: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

describe('dueDays', () => {
  test('the default ready time is 09:00 China time: yesterday is due from then on, not a minute before', () => {
    expect(DEFAULT_READY_TIME).toBe('09:00');
    expect(dueDays('2026-11-22', NOW, at('2026-11-25T08:59:59.999'))).toMatchObject({ due: ['2026-11-23'], lost: [] });
    expect(dueDays('2026-11-22', NOW, at('2026-11-25T09:00:00'))).toMatchObject({ due: ['2026-11-23', '2026-11-24'], lost: [] });
  });

  test('a ready time of its own, in China time whatever the server zone', () => {
    for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      const restore = setServerTimeZone(zone);
      try {
        expect(dueDays('2026-11-23', { ...NOW, readyTime: '06:30' }, at('2026-11-25T06:29'))).toMatchObject({ due: [], lost: [] });
        expect(dueDays('2026-11-23', { ...NOW, readyTime: '6:30' }, at('2026-11-25T06:30'))).toMatchObject({ due: ['2026-11-24'], lost: [] });
        expect(dueDays('2026-11-23', { ...NOW, readyTime: '00:00' }, at('2026-11-25T00:00'))).toMatchObject({ due: ['2026-11-24'], lost: [] });
        expect(dueDays('2026-11-23', { ...NOW, readyTime: '23:59' }, at('2026-11-25T23:58'))).toMatchObject({ due: [], lost: [] });
      } finally {
        restore();
      }
    }
  });

  test('a cursor at the last ready day, or past it, leaves nothing due', () => {
    expect(dueDays('2026-11-24', NOW, at('2026-11-25T12:00'))).toMatchObject({ due: [], lost: [] });
    expect(dueDays('2026-12-01', NOW, at('2026-11-25T12:00'))).toMatchObject({ due: [], lost: [] });
  });

  test('after downtime, every finished day since the cursor, oldest first', () => {
    expect(dueDays('2026-11-21', NOW, at('2026-11-25T10:00')).due).toEqual(['2026-11-22', '2026-11-23', '2026-11-24']);
  });

  describe('the first run', () => {
    test('Start now: yesterday once ready, nothing before', () => {
      expect(dueDays(undefined, NOW, at('2026-11-25T08:00'))).toMatchObject({ due: [], lost: [] });
      expect(dueDays(undefined, NOW, at('2026-11-25T10:00'))).toMatchObject({ due: ['2026-11-24'], lost: [] });
    });

    test('backfill N: the last N finished days, yesterday among them once ready', () => {
      expect(dueDays(undefined, { start: { from: 'backfill', days: 3 } }, at('2026-11-25T10:00')).due).toEqual(['2026-11-22', '2026-11-23', '2026-11-24']);
      expect(dueDays(undefined, { start: { from: 'backfill', days: 3 } }, at('2026-11-25T08:00')).due).toEqual(['2026-11-22', '2026-11-23']);
      const all = dueDays(undefined, { start: { from: 'backfill', days: 180 } }, at('2026-11-25T10:00'));
      expect(all).toMatchObject({ due: run('2026-05-29', 180), lost: [] });
    });

    test('from a date: that day on; the days WeCom no longer keeps are lost, named oldest first', () => {
      expect(dueDays(undefined, { start: { from: 'date', date: '2026-11-20' } }, at('2026-11-25T10:00')).due).toEqual(run('2026-11-20', 5));
      const old = dueDays(undefined, { start: { from: 'date', date: '2026-05-25' } }, at('2026-11-25T10:00'));
      expect(old.lost).toEqual(['2026-05-25', '2026-05-26', '2026-05-27', '2026-05-28']);
      expect(old.due).toEqual(run('2026-05-29', 180));
    });

    test('a date in the future: nothing until it is finished and ready', () => {
      const settings: HistorySettings = { start: { from: 'date', date: '2026-12-01' } };
      expect(dueDays(undefined, settings, at('2026-11-25T10:00'))).toMatchObject({ due: [], lost: [] });
      expect(dueDays(undefined, settings, at('2026-12-02T08:59'))).toMatchObject({ due: [], lost: [] });
      expect(dueDays(undefined, settings, at('2026-12-02T09:00'))).toMatchObject({ due: ['2026-12-01'], lost: [] });
    });

    test('Start is read only while no day was delivered: a cursor wins over it', () => {
      expect(dueDays('2026-11-23', { start: { from: 'backfill', days: 180 } }, at('2026-11-25T10:00')).due).toEqual(['2026-11-24']);
    });
  });

  test('a cursor older than WeCom keeps: the days in between are lost, the kept ones due', () => {
    const result = dueDays('2026-05-20', NOW, at('2026-11-25T10:00'));
    expect(result.lost).toEqual(run('2026-05-21', 8));
    expect(result.due).toEqual(run('2026-05-29', 180));
  });

  test('the oldest day kept is due until 00:00 China time, then lost', () => {
    expect(dueDays('2026-05-28', NOW, at('2026-11-25T23:59')).due[0]).toBe('2026-05-29');
    expect(dueDays('2026-05-28', NOW, at('2026-11-26T00:00'))).toMatchObject({ lost: ['2026-05-29'] });
  });

  describe('bad settings fail before anything, naming the field', () => {
    const clock = at('2026-11-25T10:00');
    test.each([
      ['start', { start: { from: 'yesterday' } }],
      ['start', { start: undefined }],
      ['backfillDays', { start: { from: 'backfill', days: 0 } }],
      ['backfillDays', { start: { from: 'backfill', days: 181 } }],
      ['backfillDays', { start: { from: 'backfill', days: 2.5 } }],
      ['backfillDays', { start: { from: 'backfill', days: '30' } }],
      ['startDate', { start: { from: 'date', date: '2026-02-30' } }],
      ['startDate', { start: { from: 'date', date: '' } }],
      ['startDate', { start: { from: 'date', date: 20261101 } }],
      ['readyTime', { start: { from: 'now' }, readyTime: '24:00' }],
      ['readyTime', { start: { from: 'now' }, readyTime: '9' }],
      ['readyTime', { start: { from: 'now' }, readyTime: '09:60' }],
      ['readyTime', { start: { from: 'now' }, readyTime: 900 }],
    ])('%s: %j', (field, settings) => {
      const error = invalid(() => dueDays('2026-11-20', settings as unknown as HistorySettings, clock));
      expect(error.field).toBe(field);
      expect(error.message).toMatch(new RegExp(`^Invalid ${field}: .+ Allowed: .+`));
    });

    test('a stored cursor that is not a date', () => {
      expect(invalid(() => dueDays('yesterday', NOW, clock)).field).toBe('cursor');
    });
  });
});

describe('lastReadyDay', () => {
  test('yesterday from the ready time on, the day before until then', () => {
    expect(lastReadyDay(undefined, at('2026-11-25T08:59'))).toBe('2026-11-23');
    expect(lastReadyDay(undefined, at('2026-11-25T09:00'))).toBe('2026-11-24');
    expect(lastReadyDay('00:00', at('2026-11-25T00:00'))).toBe('2026-11-24');
    expect(invalid(() => lastReadyDay('25:00')).field).toBe('readyTime');
  });
});

describe('advanceCursor', () => {
  const result = { due: ['2026-11-22', '2026-11-23', '2026-11-24'], lost: [], from: '2026-11-22' };

  test('past the days fetched in full; a failed fetch leaves it', () => {
    expect(advanceCursor('2026-11-21', result, result.due)).toBe('2026-11-24');
    expect(advanceCursor('2026-11-21', result, ['2026-11-22'])).toBe('2026-11-22');
    expect(advanceCursor('2026-11-21', result, [])).toBe('2026-11-21');
  });

  test("a first run fixes Start even when nothing was ready: 'now' then never skips the day that ends meanwhile", () => {
    const settings: HistorySettings = { start: { from: 'now' } };
    // Before the ready time: nothing due, yet the cursor is set to the day before yesterday.
    const early = dueDays(undefined, settings, at('2026-06-20T08:00'));
    expect(early).toEqual({ due: [], lost: [], from: '2026-06-19' });
    const cursor = advanceCursor(undefined, early, []);
    expect(cursor).toBe('2026-06-18');
    // Two days later both days that ended since are due, not only the newest.
    expect(dueDays(cursor, settings, at('2026-06-22T10:00')).due).toEqual(['2026-06-19', '2026-06-20', '2026-06-21']);
  });

  test('past the lost days even when no due day was fetched, so they are reported once', () => {
    const withLost = { due: ['2026-05-29'], lost: ['2026-05-27', '2026-05-28'], from: '2026-05-27' };
    expect(advanceCursor('2026-05-26', withLost, [])).toBe('2026-05-28');
    expect(advanceCursor('2026-05-26', withLost, ['2026-05-29'])).toBe('2026-05-29');
  });

  test('only a prefix of the due days can be fetched in full', () => {
    expect(() => advanceCursor('2026-11-21', result, ['2026-11-23'])).toThrow('2026-11-23 is not the next due day');
  });
});

describe('lost days', () => {
  test('are named in the error, as a run of dates', () => {
    expect(describeDays(['2026-05-27'])).toBe('2026-05-27');
    expect(describeDays(run('2026-05-21', 8))).toBe('2026-05-21 to 2026-05-28 (8 days)');
    const error = new LostDaysError(['2026-05-27', '2026-05-28']);
    expect(error.days).toEqual(['2026-05-27', '2026-05-28']);
    expect(error.message).toBe(
      'WeCom no longer keeps 2026-05-27 to 2026-05-28 (2 days): it keeps only the last 180 days, so these days were never delivered. The history goes on from the next day.',
    );
  });
});

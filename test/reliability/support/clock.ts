import { dayStartSeconds, parseDay } from '../../../core/dates/chinaDay';

/** The China day every reliability suite runs on; the emulator is told the same day. */
export const TODAY = '2026-11-25';

/**
 * Moves Date.now to 10:00 on TODAY in China while letting time flow, so presets resolve
 * against TODAY in every host and the emulator log's timestamps still measure durations.
 */
export function runOnToday(): void {
  let spy: jest.SpyInstance<number, []>;
  beforeAll(() => {
    const realNow = Date.now.bind(Date);
    const offset = (dayStartSeconds(parseDay(TODAY) as number) + 10 * 3600) * 1000 - realNow();
    spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
  });
  afterAll(() => spy.mockRestore());
}

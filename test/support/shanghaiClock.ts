/** Intl's Asia/Shanghai calendar: the oracle the China-time properties check the core against. */
const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall clock in Shanghai at an instant: 'YYYY-MM-DD' and 'HH:MM:SS'. */
export function inShanghai(millis: number): { date: string; time: string } {
  const part = Object.fromEntries(SHANGHAI.formatToParts(new Date(millis)).map(({ type, value }) => [type, value]));
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    time: `${part.hour}:${part.minute}:${part.second}`,
  };
}

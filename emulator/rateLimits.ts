/** Fixed-window call counters per API: like WeCom, a blocked window stays blocked until it rolls over. */
export class RateLimiter {
  private readonly windows = new Map<string, { minute: number; minuteCalls: number; hour: number; hourCalls: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly perHour: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one call; false when it exceeds either window's limit. */
  tryCall(api: string): boolean {
    const millis = this.now();
    const minute = Math.floor(millis / 60_000);
    const hour = Math.floor(millis / 3_600_000);
    const window = this.windows.get(api) ?? { minute, minuteCalls: 0, hour, hourCalls: 0 };
    if (window.minute !== minute) Object.assign(window, { minute, minuteCalls: 0 });
    if (window.hour !== hour) Object.assign(window, { hour, hourCalls: 0 });
    window.minuteCalls++;
    window.hourCalls++;
    this.windows.set(api, window);
    return window.minuteCalls <= this.perMinute && window.hourCalls <= this.perHour;
  }
}

/** In-flight requests per API; a limit of 0 means unlimited. */
export class ConcurrencyGate {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limit: number) {}

  tryEnter(api: string): boolean {
    const current = this.inFlight.get(api) ?? 0;
    if (this.limit > 0 && current >= this.limit) return false;
    this.inFlight.set(api, current + 1);
    return true;
  }

  leave(api: string): void {
    this.inFlight.set(api, (this.inFlight.get(api) ?? 1) - 1);
  }
}

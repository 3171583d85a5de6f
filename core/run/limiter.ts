/**
 * Runs at most `limit` tasks at once, first come first served. WeCom does not publish its
 * concurrency limit, so on 45033 the limit halves, and it grows back by one after each
 * run of successes (additive increase, multiplicative decrease).
 */
export class AdaptiveLimiter {
  private limit: number;
  private active = 0;
  private successes = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly max: number) {
    this.limit = max;
  }

  get currentLimit(): number {
    return this.limit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A queued task's slot is taken for it by the task that wakes it.
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      const result = await task();
      this.onSuccess();
      return result;
    } finally {
      this.active--;
      this.startQueued();
    }
  }

  /** WeCom said "too many concurrent calls". */
  throttle(): void {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successes = 0;
  }

  private onSuccess(): void {
    if (this.limit >= this.max) return;
    if (++this.successes >= this.limit) {
      this.limit++;
      this.successes = 0;
    }
  }

  private startQueued(): void {
    while (this.queue.length > 0 && this.active < this.limit) {
      this.active++;
      (this.queue.shift() as () => void)();
    }
  }
}

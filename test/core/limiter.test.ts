import { AdaptiveLimiter } from '../../core/run/limiter';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('AdaptiveLimiter', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    const limiter = new AdaptiveLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 1));
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('starts queued tasks in order and frees the slot on failure', async () => {
    const limiter = new AdaptiveLimiter(1);
    const order: number[] = [];
    const failing = limiter.run(async () => {
      order.push(1);
      throw new Error('boom');
    });
    const second = limiter.run(async () => order.push(2));
    const third = limiter.run(async () => order.push(3));
    await expect(failing).rejects.toThrow('boom');
    await Promise.all([second, third]);
    expect(order).toEqual([1, 2, 3]);
  });

  it('halves on throttle and grows back by one after a run of successes', async () => {
    const limiter = new AdaptiveLimiter(8);
    limiter.throttle();
    expect(limiter.currentLimit).toBe(4);
    limiter.throttle();
    limiter.throttle();
    limiter.throttle();
    expect(limiter.currentLimit).toBe(1);
    await limiter.run(async () => undefined);
    expect(limiter.currentLimit).toBe(2);
    for (let i = 0; i < 2 + 3 + 4 + 5 + 6 + 7; i++) await limiter.run(async () => undefined);
    expect(limiter.currentLimit).toBe(8);
    await limiter.run(async () => undefined);
    expect(limiter.currentLimit).toBe(8);
  });

  it('holds new tasks while over a lowered limit', async () => {
    const limiter = new AdaptiveLimiter(4);
    const gates = Array.from({ length: 4 }, deferred);
    let started = 0;
    const first = gates.map((gate) => limiter.run(async () => (started++, gate.promise)));
    await Promise.resolve();
    limiter.throttle(); // limit 2 while 4 run
    const late = limiter.run(async () => started++);
    gates[0].resolve();
    await first[0];
    expect(started).toBe(4); // 3 still running over the limit of 2: the late task waits
    gates[1].resolve();
    await first[1];
    // Two successes at limit 2 grow it to 3; with 2 running, the late task starts.
    expect(limiter.currentLimit).toBe(3);
    gates[2].resolve();
    gates[3].resolve();
    await Promise.all([...first, late]);
    expect(started).toBe(5);
  });
});

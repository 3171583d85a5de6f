import { SharedTasks } from '../../core/util/sharedTasks';

/** A task that runs until released or aborted, and records the signal it was given. */
function gatedTask() {
  const signals: AbortSignal[] = [];
  let release!: (value: string) => void;
  const start = (signal: AbortSignal) => {
    signals.push(signal);
    return new Promise<string>((resolve, reject) => {
      release = resolve;
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  };
  return { start, signals, release: (value: string) => release(value) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedTasks', () => {
  it('runs one task for every caller asking while it is in flight', async () => {
    const tasks = new SharedTasks<string>();
    const task = gatedTask();
    const callers = [tasks.run('k', task.start), tasks.run('k', task.start, new AbortController().signal)];
    await tick();
    task.release('done');
    expect(await Promise.all(callers)).toEqual(['done', 'done']);
    expect(task.signals).toHaveLength(1);
  });

  it('keeps the task going while one caller still waits, and lets the other leave at once', async () => {
    const tasks = new SharedTasks<string>();
    const task = gatedTask();
    const leaving = new AbortController();
    const left = tasks.run('k', task.start, leaving.signal);
    const staying = tasks.run('k', task.start, new AbortController().signal);
    await tick();
    leaving.abort();
    await expect(left).rejects.toMatchObject({ name: 'AbortError' });
    expect(task.signals[0].aborted).toBe(false);
    task.release('done');
    expect(await staying).toBe('done');
  });

  it('aborts the task once every waiting caller has aborted, and starts afresh for the next', async () => {
    const tasks = new SharedTasks<string>();
    const first = gatedTask();
    const callers = [new AbortController(), new AbortController()];
    const waiting = callers.map((caller) => tasks.run('k', first.start, caller.signal));
    await tick();
    for (const caller of callers) caller.abort();
    await Promise.allSettled(waiting);
    expect(first.signals[0].aborted).toBe(true);
    const second = gatedTask();
    const next = tasks.run('k', second.start);
    await tick();
    second.release('again');
    expect(await next).toBe('again');
  });

  it('never aborts a task a caller without a signal waits for', async () => {
    const tasks = new SharedTasks<string>();
    const task = gatedTask();
    const caller = new AbortController();
    const aborted = tasks.run('k', task.start, caller.signal);
    const patient = tasks.run('k', task.start);
    await tick();
    caller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(task.signals[0].aborted).toBe(false);
    task.release('done');
    expect(await patient).toBe('done');
  });

  it('refuses a caller whose signal is already aborted, without starting anything', async () => {
    const tasks = new SharedTasks<string>();
    const task = gatedTask();
    await expect(tasks.run('k', task.start, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(task.signals).toHaveLength(0);
  });
});

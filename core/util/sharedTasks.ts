import { abortError } from './abort';

interface Task<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiting: number;
}

/**
 * One task per key in flight, shared by every caller that asks for it meanwhile (one
 * gettoken for many requests). A caller whose signal aborts stops waiting at once; the task
 * itself is aborted only when every caller waiting for it has, so a cancelled run stops
 * calling while another run that still needs the result keeps it coming.
 */
export class SharedTasks<T> {
  private readonly tasks = new Map<string, Task<T>>();

  run(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const task = this.tasks.get(key) ?? this.start(key, start);
    task.waiting++;
    if (!signal) return task.promise;
    return new Promise<T>((resolve, reject) => {
      const leave = (): void => {
        reject(abortError(signal));
        if (--task.waiting > 0) return;
        if (this.tasks.get(key) === task) this.tasks.delete(key);
        task.controller.abort(abortError(signal));
      };
      signal.addEventListener('abort', leave, { once: true });
      task.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', leave));
    });
  }

  private start(key: string, start: (signal: AbortSignal) => Promise<T>): Task<T> {
    const controller = new AbortController();
    const task: Task<T> = { controller, waiting: 0, promise: Promise.resolve().then(() => start(controller.signal)) };
    task.promise = task.promise.finally(() => {
      if (this.tasks.get(key) === task) this.tasks.delete(key);
    });
    // Every caller may have left: the task's failure must not go unhandled.
    task.promise.catch(() => undefined);
    this.tasks.set(key, task);
    return task;
  }
}

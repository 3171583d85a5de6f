/** Wall time and peak memory of one async task, sampled while it runs. */
export interface Measured<T> {
  result: T;
  seconds: number;
  /** Peak heap in use above the level just before the task (after a GC when --expose-gc). */
  heapGrowthMb: number;
  /** Peak resident set size of the whole process. */
  peakRssMb: number;
  /**
   * Peak live heap above the level before: sampled right after a forced GC, once a second
   * and once at the end with the result still held, so garbage V8 has not yet collected does
   * not count. Undefined without --expose-gc.
   */
  liveHeapGrowthMb?: number;
}

const MB = 1024 * 1024;
const LIVE_EVERY_MS = 1000;

export async function measure<T>(task: () => Promise<T>): Promise<Measured<T>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  let peakLive = before.heapUsed;
  const sampleLive = (): void => {
    gc?.();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  };
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sample = (): void => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  };
  const sampler = setInterval(sample, 5);
  const liveSampler = gc && setInterval(sampleLive, LIVE_EVERY_MS);
  const started = performance.now();
  try {
    const result = await task();
    const seconds = (performance.now() - started) / 1000;
    sample();
    const heapGrowthMb = (peakHeap - before.heapUsed) / MB;
    if (!gc) return { result, seconds, heapGrowthMb, peakRssMb: peakRss / MB };
    sampleLive();
    return { result, seconds, heapGrowthMb, peakRssMb: peakRss / MB, liveHeapGrowthMb: (peakLive - before.heapUsed) / MB };
  } finally {
    clearInterval(sampler);
    clearInterval(liveSampler);
  }
}

/** Wall time and peak memory of one async task, sampled while it runs. */
export interface Measured<T> {
  result: T;
  seconds: number;
  /** Peak heap in use above the level just before the task (after a GC when --expose-gc). */
  heapGrowthMb: number;
  /** Peak resident set size of the whole process. */
  peakRssMb: number;
}

const MB = 1024 * 1024;

export async function measure<T>(task: () => Promise<T>): Promise<Measured<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sample = (): void => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  };
  const sampler = setInterval(sample, 5);
  const started = performance.now();
  try {
    const result = await task();
    const seconds = (performance.now() - started) / 1000;
    sample();
    return { result, seconds, heapGrowthMb: (peakHeap - before.heapUsed) / MB, peakRssMb: peakRss / MB };
  } finally {
    clearInterval(sampler);
  }
}

import { percentile } from '../src/evaluation/evaluate.js';

/** Per-call latency and throughput of one classifier over a list of messages. */
export interface SpeedFigures {
  /** Milliseconds per message. */
  p50Ms: number;
  p99Ms: number;
  /** Messages classified per second, one after another on one thread. */
  perSecond: number;
  /** How many timed calls the figures come from. */
  samples: number;
}

export interface SpeedOptions {
  /** Untimed calls first, so the JIT and caches settle before the clock starts. */
  warmup: number;
  /** Timed calls: the list is cycled until this many are done… */
  minSamples: number;
  /** …or until this many milliseconds have passed; the whole list is always timed once. */
  maxMs: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Times `call` on each item, cycling through the list: every item is timed at least once, then
 * more rounds run while under `minSamples` and `maxMs`. Awaits each call, sync or async alike.
 * Returns the figures and what the first round returned for each item, so one pass serves
 * both accuracy and speed (a slow classifier is not run twice).
 */
export async function measureSpeed<T, R>(
  items: readonly T[],
  call: (item: T) => R | Promise<R>,
  options: SpeedOptions,
): Promise<{ speed: SpeedFigures; outputs: R[] }> {
  if (items.length === 0) throw new Error('measureSpeed: no items to time');
  for (let i = 0; i < options.warmup; i++) await call(items[i % items.length]!);
  const times: number[] = [];
  const outputs: R[] = [];
  const started = now();
  for (let i = 0; i < items.length || (times.length < options.minSamples && now() - started < options.maxMs); i++) {
    const start = now();
    const output = await call(items[i % items.length]!);
    times.push(now() - start);
    if (i < items.length) outputs.push(output);
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  const speed = { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), perSecond: (1000 * times.length) / total, samples: times.length };
  return { speed, outputs };
}

/** Milliseconds an async job takes, with its result. */
export async function timed<R>(job: () => R | Promise<R>): Promise<{ ms: number; result: R }> {
  const start = now();
  const result = await job();
  return { ms: now() - start, result };
}

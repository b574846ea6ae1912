import { setTimeout as sleep } from 'node:timers/promises';

/** Counts requests being handled, so shutdown can let them finish before closing storage. */
export class InFlight {
  private count = 0;
  private idle?: () => void;
  /** Set once shutdown starts: new work is refused and readiness fails, so the load balancer moves on. */
  draining = false;

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.count--;
      if (this.count === 0) this.idle?.();
    }
  }

  get size(): number {
    return this.count;
  }

  /** Resolves true once nothing is in flight, or false after `timeoutMs`. */
  async drained(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return true;
    const idle = new Promise<true>((resolve) => (this.idle = () => resolve(true)));
    return Promise.race([idle, sleep(timeoutMs, false as const, { ref: false })]);
  }
}

import { describe, expect, it } from 'vitest';
import { SerialByKey } from '../../src/util/serial-by-key.js';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('work run one piece at a time per key', () => {
  it('runs the pieces of one key in order, even when an earlier one is slower', async () => {
    const queue = new SerialByKey();
    const done: string[] = [];
    await Promise.all([
      queue.run('c1', async () => {
        await later(30);
        done.push('first');
      }),
      queue.run('c1', async () => {
        done.push('second');
      }),
    ]);
    expect(done).toEqual(['first', 'second']);
  });

  it('lets another key go ahead without waiting', async () => {
    const queue = new SerialByKey();
    const done: string[] = [];
    const slow = queue.run('c1', async () => {
      await later(30);
      done.push('c1');
    });
    await queue.run('c2', async () => {
      done.push('c2');
    });
    await slow;
    expect(done).toEqual(['c2', 'c1']);
  });

  it('carries on after a piece fails, and hands the failure to its caller', async () => {
    const queue = new SerialByKey();
    const failed = queue.run('c1', async () => {
      throw new Error('boom');
    });
    const next = queue.run('c1', async () => 'still runs');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('still runs');
  });
});

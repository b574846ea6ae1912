import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectStartUpGarbage } from '../../src/util/start-up-garbage.js';

// The compiled module (the global set-up builds it), in a node of its own: only there can the
// flag be given that the start script gives.
const compiled = pathToFileURL(path.resolve('build/util/start-up-garbage.js')).href;
const script = `
  const { collectStartUpGarbage } = await import(${JSON.stringify(compiled)});
  let kept = [];
  for (let i = 0; i < 200_000; i++) kept.push({ i, text: 'training text ' + i });
  kept = null;
  const before = process.memoryUsage().heapUsed;
  const result = collectStartUpGarbage();
  console.log(JSON.stringify({ ...result, freedMb: (before - process.memoryUsage().heapUsed) / 2 ** 20 }));
`;

describe("giving back training's garbage at start", () => {
  it('collects the dead objects, with node started as npm start starts it', () => {
    const out = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' })) as { collected: boolean; freedMb: number };
    expect(out.collected).toBe(true);
    expect(out.freedMb).toBeGreaterThan(5);
  });

  it.skipIf(typeof (globalThis as { gc?: unknown }).gc === 'function')('does nothing, and says so, where node was not given --expose-gc', () => {
    expect(collectStartUpGarbage()).toEqual({ collected: false, ms: 0 });
  });
});

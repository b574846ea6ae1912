import v8 from 'node:v8';

/**
 * Gives back to the system what training left behind at start. Node collects garbage only when
 * it allocates, so a bot that trained its understanding and then waits for turns keeps the
 * training's dead objects, the half-empty pages they leave, and the file buffers of its models
 * resident for as long as it runs idle: on the ten entries, 155-165 MB against 137 MB for a start
 * that loaded its models. Two full collections (the second frees the outside-heap memory the
 * first one's finalisers let go), compacting the pages, bring it to 141-147 MB, for 0.1-0.2 s of
 * start-up (2026-12-03, compiled, CALIBRATION_CACHE_DIR empty).
 *
 * Needs node's --expose-gc (the start script and the container pass it); without it, a no-op.
 */
export function collectStartUpGarbage(): { collected: boolean; ms: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return { collected: false, ms: 0 };
  const started = performance.now();
  // Compaction is a collector setting read at each full collection: on for these two only, since
  // moving every live object at every later collection would cost turns.
  const compacting = setFlag('--compact-on-every-full-gc');
  try {
    gc();
    gc();
  } finally {
    if (compacting) setFlag('--no-compact-on-every-full-gc');
  }
  return { collected: true, ms: Math.round(performance.now() - started) };
}

function setFlag(flag: string): boolean {
  try {
    v8.setFlagsFromString(flag);
    return true;
  } catch {
    return false;
  }
}

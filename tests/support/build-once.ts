/**
 * Vitest global set-up: compiles src/ to build/ once per run, as `npm start` does, so the tests
 * that start the bot in a process of its own run the same JavaScript a deployment runs.
 * The build is incremental: a run with no change to src/ costs a second or two.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

export default function buildOnce(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

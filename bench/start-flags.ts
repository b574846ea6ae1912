import { readFileSync } from 'node:fs';

/**
 * The node flags `npm start` runs the compiled bot with, read from package.json's start script:
 * what spawns `build/index.js` (benchmarks, the child-process tests) uses them, so it measures
 * and tests what a deployment runs; the Dockerfile's CMD is checked against them
 * (tests/deploy/container.test.ts).
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const flags = /\bnode((?:\s+--\S+)*)\s+build\/index\.js$/.exec(pkg.scripts.start)?.[1];
  if (flags === undefined) throw new Error(`package.json's start script does not run node [flags] build/index.js: ${pkg.scripts.start}`);
  return flags.split(/\s+/).filter(Boolean);
}

/**
 * `npx tsx bench/understander-speed.ts --base DIR [--cases ten,synthetic:1000,clinc:all] [--warm]`: the
 * understander of another checkout (DIR, e.g. a worktree of main) and of this one, side by side
 * on the same machine in the same run: start-up CPU and wall time, latency per message, heap the
 * trained understander keeps, and a fingerprint of every answer (intent, decision, confidence,
 * candidates), so a change meant only to be faster shows whether it changed any answer.
 * Each case runs in a child process of its own (`--child`), alternating base and this checkout.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

interface CaseFigures {
  case: string;
  entries: number;
  messages: number;
  trainCpuMs: number;
  trainWallMs: number;
  p50Ms: number;
  p99Ms: number;
  cpuPerMessageMs: number;
  retainedMb: number;
  heapAfterMb: number;
  rssAfterMb: number;
  right: number;
  fingerprint: string;
}

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    cases: { type: 'string', default: 'ten,synthetic:1000' },
    child: { type: 'string' },
    root: { type: 'string' },
    rounds: { type: 'string', default: '1' },
    // Also this checkout's start with the calibration cache filled by a first start (warm), printed apart.
    warm: { type: 'boolean', default: false },
    cache: { type: 'string' },
  },
});

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => bytes / 2 ** 20;

async function child(name: string, root: string): Promise<CaseFigures> {
  const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(root, file)).href)) as T;
  const { loadKnowledge } = await load<typeof import('../src/knowledge/load.js')>('src/knowledge/load.ts');
  const { loadLocaleFiles } = await load<typeof import('../src/i18n/locale-files.js')>('src/i18n/locale-files.ts');
  const { readLabelledSet } = await load<typeof import('../src/evaluation/labelled-set.js')>('src/evaluation/labelled-set.ts');
  const { createUnderstander, trainUnderstander } = await load<Partial<typeof import('../src/understanding/understander.js')>>('src/understanding/understander.ts');
  const commands = (await loadLocaleFiles(path.join(root, 'locales'))).input;
  const real = await loadKnowledge(path.join(root, 'knowledge'));
  const heldOut = [...(await readLabelledSet(path.join(root, 'tests/eval/heldout.tsv'))), ...(await readLabelledSet(path.join(root, 'tests/eval/near-miss.tsv')))];
  let kb = real;
  let messages = heldOut;
  let hint: (m: (typeof messages)[number]) => string = (m) => m.language;
  const [kind, size] = name.split(':');
  if (kind === 'synthetic') {
    const { syntheticKnowledgeBase, syntheticHeldOut } = await load<typeof import('./synthetic-kb.js')>('bench/synthetic-kb.ts');
    kb = syntheticKnowledgeBase(Number(size), real.outOfScope);
    messages = [...syntheticHeldOut(Number(size), 10), ...heldOut.filter((m) => m.expected === 'none')];
  } else if (kind === 'clinc') {
    const { readClinc, writeClincKnowledge, asLabelled } = await load<typeof import('./clinc150.js')>('bench/clinc150.ts');
    const [train, oosTrain, val, oosVal] = await Promise.all(['train.tsv', 'oos-train.tsv', 'val.tsv', 'oos-val.tsv'].map((f) => readClinc(f)));
    const dir = mkdtempSync(path.join(tmpdir(), 'understander-speed-'));
    await writeClincKnowledge(dir, train!, size === 'all' ? Infinity : Number(size), oosTrain!.map((e) => e.text));
    kb = await loadKnowledge(dir);
    messages = asLabelled([...val!, ...oosVal!], 'clinc150/val');
    hint = () => 'en';
  }
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  const wall = performance.now();
  // How the bot trains at start (trainUnderstander), where the checkout has it.
  const understander = trainUnderstander ? await trainUnderstander(kb, commands, { cacheDir: values.cache, warn: (m) => console.error(m) }) : createUnderstander!(kb, commands);
  const trainWallMs = performance.now() - wall;
  const used = process.cpuUsage(cpu);
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const hash = createHash('sha256');
  let right = 0;
  const understand = (m: (typeof messages)[number]) => understander.understand(m.text, { hint: hint(m) as 'en', fallback: 'it' });
  for (const m of messages) {
    const u = understand(m);
    if (u.intent === m.expected) right++;
    hash.update(JSON.stringify([u.intent, u.decision, u.language, u.confidence, u.candidates, u.offered, u.command]));
  }
  // Latency: every message at least once, and at least 3,000 calls in all.
  const times: number[] = [];
  const cpuMessages = process.cpuUsage();
  while (times.length < Math.max(3000, messages.length)) {
    for (const m of messages) {
      const t = performance.now();
      understand(m);
      times.push(performance.now() - t);
    }
  }
  const cpuMs = process.cpuUsage(cpuMessages);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return {
    case: name,
    entries: kb.entries.size,
    messages: messages.length,
    trainCpuMs: (used.user + used.system) / 1000,
    trainWallMs,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    cpuPerMessageMs: (cpuMs.user + cpuMs.system) / 1000 / times.length,
    retainedMb: mb(heapAfter - heapBefore),
    heapAfterMb: mb(heapAfter),
    rssAfterMb: mb(process.memoryUsage().rss),
    right: right / messages.length,
    fingerprint: hash.digest('hex').slice(0, 12),
  };
}

function run(name: string, root: string, cache?: string): CaseFigures {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, '--child', name, '--root', root, ...(cache ? ['--cache', cache] : [])], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as CaseFigures;
}

if (values.child) {
  console.log(JSON.stringify(await child(values.child, path.resolve(values.root ?? '.'))));
} else {
  if (!values.base) throw new Error('--base DIR: the checkout to compare against (e.g. a worktree of main)');
  const roots = { base: path.resolve(values.base), this: path.resolve('.') };
  const keys = ['trainCpuMs', 'trainWallMs', 'p50Ms', 'p99Ms', 'cpuPerMessageMs', 'retainedMb', 'heapAfterMb', 'rssAfterMb', 'right'] as const;
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const name of values.cases.split(',')) {
    const figures: Record<'base' | 'this', CaseFigures[]> = { base: [], this: [] };
    for (let r = 0; r < Number(values.rounds); r++) for (const side of ['base', 'this'] as const) figures[side].push(run(name, roots[side]));
    const median = (side: 'base' | 'this', key: (typeof keys)[number]) => figures[side].map((f) => f[key]).sort((a, b) => a - b)[Math.floor(figures[side].length / 2)]!;
    const b = figures.base[0]!;
    console.log(`\n${name}: ${b.entries} entries, ${b.messages} messages (median of ${values.rounds}; load ${loadavg()[0]!.toFixed(2)})`);
    console.log(`${''.padEnd(16)} ${'base'.padStart(10)} ${'this'.padStart(10)} ${'this/base'.padStart(10)}`);
    for (const key of keys) {
      const [x, y] = [median('base', key), median('this', key)];
      console.log(`${key.padEnd(16)} ${x.toFixed(3).padStart(10)} ${y.toFixed(3).padStart(10)} ${(y / x).toFixed(2).padStart(10)}`);
    }
    const prints = (side: 'base' | 'this') => [...new Set(figures[side].map((f) => f.fingerprint))].join('/');
    const same = prints('base') === prints('this');
    console.log(`answers          ${prints('base').padStart(10)} ${prints('this').padStart(10)} ${same ? 'identical' : 'DIFFERENT'}`);
    if (values.warm) {
      // The cold figures above are the start-up goal's; the warm one is a restart's on the same content and code.
      const cache = mkdtempSync(path.join(tmpdir(), 'understander-speed-cache-'));
      run(name, roots.this, cache);
      const warm = run(name, roots.this, cache);
      const fingerprintSame = warm.fingerprint === figures.this[0]!.fingerprint;
      console.log(`warm start of this checkout (calibration cache filled by a first start): training ${warm.trainCpuMs.toFixed(0)} ms CPU, ${warm.trainWallMs.toFixed(0)} ms wall; answers ${fingerprintSame ? 'identical' : 'DIFFERENT'}`);
    }
  }
}

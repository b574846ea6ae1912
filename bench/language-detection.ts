/**
 * `npx tsx bench/language-detection.ts [--base DIR] [--external DIR]`: how often the
 * understander reads a message's language right, on every labelled set we have, and on short and
 * misspelt variants of ours; with `--base`, another checkout's (e.g. a worktree of main) beside
 * this one's, in the same run, so a change to language detection shows what it costs or gains.
 *
 * Two contexts: no hint at all (as `npm run classify` without a locale), and a wrong hint
 * (the channel's locale and the conversation's language are another language, as in the
 * Agents Playground, always en-US): the text must overrule it.
 * Each checkout runs in a child process of its own (`--child`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LANGUAGES, type Language } from '../src/content/languages.js';
import { seededRandom } from '../src/understanding/softmax-regression.js';

interface Message {
  language: Language;
  text: string;
}

/** Right answers per set, context and language. */
type Figures = Record<string, Record<string, Record<Language, { right: number; of: number }>>>;

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    external: { type: 'string', default: '../shared/data/external-oos' },
    child: { type: 'boolean', default: false },
    root: { type: 'string' },
  },
});

/** One slip in every word of four letters or more: two letters swapped, one dropped or doubled. */
function misspelt(text: string, random: () => number): string {
  return text
    .split(' ')
    .map((word) => {
      if (word.length < 4) return word;
      const at = 1 + Math.floor(random() * (word.length - 2));
      const kind = Math.floor(random() * 3);
      if (kind === 0) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
      if (kind === 1) return word.slice(0, at) + word.slice(at + 1);
      return word.slice(0, at) + word[at] + word.slice(at);
    })
    .join(' ');
}

const firstWords = (text: string, n: number) => text.split(/\s+/).slice(0, n).join(' ');

async function child(root: string, external: string): Promise<Figures> {
  const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(root, file)).href)) as T;
  const { loadKnowledge } = await load<typeof import('../src/knowledge/load.js')>('src/knowledge/load.ts');
  const { loadLocaleFiles } = await load<typeof import('../src/i18n/locale-files.js')>('src/i18n/locale-files.ts');
  const { readLabelledSet } = await load<typeof import('../src/evaluation/labelled-set.js')>('src/evaluation/labelled-set.ts');
  const { createUnderstander } = await load<typeof import('../src/understanding/understander.js')>('src/understanding/understander.ts');
  const commands = (await loadLocaleFiles(path.join(root, 'locales'))).input;
  const understander = createUnderstander(await loadKnowledge(path.join(root, 'knowledge')), commands);
  // Both checkouts read this checkout's sets, so they answer the same messages.
  const read = async (file: string): Promise<Message[]> => (await readLabelledSet(file)).map(({ language, text }) => ({ language, text }));
  const eval_ = (name: string) => path.resolve('tests/eval', name);
  const heldOut = await read(eval_('heldout.tsv'));
  const nearMiss = [...(await read(eval_('near-miss.tsv'))), ...(existsSync(eval_('near-miss-2.tsv')) ? await read(eval_('near-miss-2.tsv')) : [])];
  const ours = [...heldOut, ...nearMiss];
  const sets: Record<string, Message[]> = { 'held-out': heldOut, 'near-miss': nearMiss };
  if (existsSync(external)) {
    const files = readdirSync(external).filter((f) => f.endsWith('.tsv'));
    sets['external-oos'] = (await Promise.all(files.map((f) => read(path.join(external, f))))).flat();
  }
  sets['ours, first 2 words'] = ours.map((m) => ({ ...m, text: firstWords(m.text, 2) }));
  sets['ours, first 4 words'] = ours.map((m) => ({ ...m, text: firstWords(m.text, 4) }));
  // A fixed seed, and this checkout's generator for both sides: both read exactly the same misspellings.
  const random = seededRandom(16);
  sets['ours, misspelt'] = ours.map((m) => ({ ...m, text: misspelt(m.text, random) }));
  const other = (l: Language) => LANGUAGES[(LANGUAGES.indexOf(l) + 1) % LANGUAGES.length]!;
  const contexts = {
    'no hint': () => ({ fallback: 'it' as Language }),
    'wrong hint': (l: Language) => ({ previous: other(l), hint: other(l), fallback: other(l) }),
  };
  const figures: Figures = {};
  for (const [set, messages] of Object.entries(sets)) {
    figures[set] = {};
    for (const [name, context] of Object.entries(contexts)) {
      const tally = Object.fromEntries(LANGUAGES.map((l) => [l, { right: 0, of: 0 }])) as Record<Language, { right: number; of: number }>;
      for (const m of messages) {
        tally[m.language].of++;
        if (understander.detectLanguage(m.text, context(m.language)).language === m.language) tally[m.language].right++;
      }
      figures[set][name] = tally;
    }
  }
  return figures;
}

function run(root: string): Figures {
  const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', '--root', root, '--external', path.resolve(values.external)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Figures;
}

const percent = (t: { right: number; of: number }) => (t.of ? `${((100 * t.right) / t.of).toFixed(1)}%` : '-');
const total = (tally: Record<Language, { right: number; of: number }>) =>
  Object.values(tally).reduce((sum, t) => ({ right: sum.right + t.right, of: sum.of + t.of }), { right: 0, of: 0 });

if (values.child) {
  console.log(JSON.stringify(await child(path.resolve(values.root ?? '.'), path.resolve(values.external))));
} else {
  const sides: Array<[string, Figures]> = [];
  if (values.base) sides.push(['base', run(path.resolve(values.base))]);
  sides.push(['this', run(path.resolve('.'))]);
  console.log(`Language detection, right language read (load average ${loadavg()[0]!.toFixed(2)})`);
  if (!existsSync(values.external)) console.log(`(no ${values.external}: the external out-of-scope sets are left out; --external DIR)`);
  console.log(`${'set'.padEnd(22)} ${'context'.padEnd(11)} ${'side'.padEnd(5)} ${[...LANGUAGES, 'all', 'wrong'].map((h) => h.padStart(7)).join(' ')}`);
  for (const set of Object.keys(sides[0]![1])) {
    for (const context of Object.keys(sides[0]![1][set]!)) {
      for (const [side, figures] of sides) {
        const tally = figures[set]![context]!;
        const all = total(tally);
        const cells = [...LANGUAGES.map((l) => percent(tally[l])), percent(all), String(all.of - all.right)];
        console.log(`${set.padEnd(22)} ${context.padEnd(11)} ${side.padEnd(5)} ${cells.map((c) => c.padStart(7)).join(' ')}`);
      }
    }
  }
}

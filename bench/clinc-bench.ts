import { loadLocaleFiles } from '../src/i18n/locale-files.js';
import { evaluate, NONE_LABEL } from '../src/evaluation/evaluate.js';
import type { LabelledMessage } from '../src/evaluation/labelled-set.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createUnderstander } from '../src/understanding/understander.js';
import { asLabelled, clincFolder, readClinc, SUPPORT_INTENTS, writeClincKnowledge, type ClincExample } from './clinc150.js';
import { trainNlpjs } from './nlpjs-baseline.js';
import { trainTfidfLr } from './tfidf-lr-baseline.js';
import { corpusOf } from './training-data.js';

/** One classifier on one CLINC knowledge folder and one split. */
export interface ClincFigures {
  inScopeAccuracy: number;
  outOfScopeRecall: number;
  /** Top-1 with `none` as a label. */
  accuracy: number;
  /** Of the in-scope messages answered outright (ours only): how many were right. */
  answeredRight?: number;
  trainMs: number;
  p50Ms: number;
  p99Ms: number;
}

export interface ClincRun {
  set: 'clinc150' | 'support30';
  perIntent: number | 'all';
  entries: number;
  split: 'val' | 'test';
  messages: number;
  ours: ClincFigures;
  nlpjs?: ClincFigures;
  tfidfLr: ClincFigures;
}

type Classify = (m: LabelledMessage) => { label: string; decision?: string } | Promise<{ label: string; decision?: string }>;

const now = () => Number(process.hrtime.bigint()) / 1e6;

async function measure(messages: LabelledMessage[], train: () => Promise<Classify>): Promise<ClincFigures> {
  const started = now();
  const classify = await train();
  const trainMs = now() - started;
  const labels = new Map<LabelledMessage, { label: string; decision?: string }>();
  const times: number[] = [];
  for (const m of messages) {
    const t = now();
    labels.set(m, await classify(m));
    times.push(now() - t);
  }
  times.sort((a, b) => a - b);
  const report = evaluate(messages, (m) => ({ intent: labels.get(m)!.label }));
  const answered = messages.filter((m) => m.expected !== NONE_LABEL && labels.get(m)!.decision === 'answer');
  return {
    inScopeAccuracy: report.inScopeAccuracy.all,
    outOfScopeRecall: report.outOfScopeRecall.all,
    accuracy: report.accuracy.all,
    ...(labels.get(messages[0]!)?.decision !== undefined
      ? { answeredRight: answered.filter((m) => labels.get(m)!.label === m.expected).length / Math.max(1, answered.length) }
      : {}),
    trainMs,
    p50Ms: times[Math.floor(times.length / 2)]!,
    p99Ms: times[Math.floor(times.length * 0.99)]!,
  };
}

export interface ClincBenchOptions {
  sizes: Array<number | 'all'>;
  splits: Array<'val' | 'test'>;
  sets: Array<'clinc150' | 'support30'>;
  /** NLP.js takes minutes on the full set. */
  nlpjs: boolean;
  log: (step: string) => void;
}

/**
 * CLINC150 knowledge folders built from train with 10, 30 and all examples per intent, each
 * classified by ours, NLP.js and a TF-IDF + logistic regression baseline trained on the same
 * texts; val for tuning, test for reporting. `support30` is the banking and credit-card
 * intents alone, with every other CLINC intent's messages as out-of-scope: near misses.
 */
export async function benchClinc(options: ClincBenchOptions): Promise<ClincRun[]> {
  const commands = (await loadLocaleFiles('locales')).input;
  const [train, oosTrain] = await Promise.all([readClinc('train.tsv'), readClinc('oos-train.tsv')]);
  const splits = { val: [await readClinc('val.tsv'), await readClinc('oos-val.tsv')], test: [await readClinc('test.tsv'), await readClinc('oos-test.tsv')] };
  const runs: ClincRun[] = [];
  for (const set of options.sets) {
    const inSet = (e: ClincExample) => set === 'clinc150' || SUPPORT_INTENTS.includes(e.intent);
    for (const perIntent of options.sizes) {
      const dir = clincFolder(`${set}-${perIntent}`);
      const entries = await writeClincKnowledge(dir, train.filter(inSet), perIntent === 'all' ? Infinity : perIntent, oosTrain.map((e) => e.text));
      const kb = await loadKnowledge(dir);
      for (const split of options.splits) {
        const [inScope, oos] = splits[split];
        // For the support set, every other intent's messages are out of scope too.
        const others = inScope!.filter((e) => !inSet(e)).map((e) => ({ intent: 'none', text: e.text }));
        const messages = asLabelled([...inScope!.filter(inSet), ...oos!, ...others], `clinc150/${split}`);
        options.log(`CLINC150 ${set}, ${perIntent} per intent (${entries} entries), ${split}: ${messages.length} messages`);
        const ours = await measure(messages, async () => {
          const u = createUnderstander(kb, commands);
          return (m) => {
            const r = u.understand(m.text, { hint: 'en', fallback: 'en' });
            return { label: r.intent, decision: r.decision };
          };
        });
        const tfidfLr = await measure(messages, async () => {
          const classify = trainTfidfLr(corpusOf(kb).en);
          return (m) => classify(m.text);
        });
        const nlpjs = options.nlpjs
          ? await measure(messages, async () => {
              const classify = await trainNlpjs(corpusOf(kb), ['en']);
              return (m) => classify(m.text, 'en');
            })
          : undefined;
        runs.push({ set, perIntent, entries, split, messages: messages.length, ours, tfidfLr, ...(nlpjs ? { nlpjs } : {}) });
      }
    }
  }
  return runs;
}

const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`);

/** One line per run and classifier: in-scope accuracy, out-of-scope recall, speed. */
export function formatClinc(runs: ClincRun[]): string {
  const lines = ['set        per intent  split  classifier   in-scope  oos recall  top-1   answered right  train ms  p50 ms  p99 ms'];
  for (const r of runs) {
    for (const [name, f] of [['Sportello', r.ours], ['NLP.js', r.nlpjs], ['TF-IDF+LR', r.tfidfLr]] as const) {
      if (!f) continue;
      lines.push(
        `${r.set.padEnd(10)} ${String(r.perIntent).padStart(10)}  ${r.split.padEnd(5)}  ${name.padEnd(11)} ${pct(f.inScopeAccuracy).padStart(9)} ${pct(f.outOfScopeRecall).padStart(11)} ${pct(f.accuracy).padStart(6)} ${pct(f.answeredRight).padStart(16)} ${f.trainMs.toFixed(0).padStart(9)} ${f.p50Ms.toFixed(3).padStart(7)} ${f.p99Ms.toFixed(3).padStart(7)}`,
      );
    }
  }
  return lines.join('\n');
}

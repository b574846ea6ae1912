import { LANGUAGES, type Language } from '../src/content/languages.js';
import { evaluate, NONE_LABEL } from '../src/evaluation/evaluate.js';
import type { LabelledMessage } from '../src/evaluation/labelled-set.js';
import type { KnowledgeBase } from '../src/knowledge/model.js';
import type { CommandVocabulary } from '../src/understanding/commands.js';
import { trainUnderstander } from '../src/understanding/understander.js';
import { trainNlpjs, type Verdict } from './nlpjs-baseline.js';
import { measureSpeed, timed, type SpeedFigures, type SpeedOptions } from './timing.js';
import { corpusOf } from './training-data.js';

/** What one classifier scores on one knowledge base and one labelled set. */
export interface ClassifierFigures {
  /** Milliseconds to read the content it needs (0 for a knowledge base built in memory). */
  loadMs: number;
  /** Milliseconds to train on it. */
  trainMs: number;
  /** Top-1 accuracy (`none` counts as a label) per language and overall. */
  accuracy: Record<Language | 'all', number>;
  /** Share of `none` messages labelled `none`, per language and overall. */
  outOfScopeRecall: Record<Language | 'all', number>;
  /** Share of in-scope messages whose entry the classifier ranks first, whether or not it then declines (says `none`). */
  rankedFirst: Record<Language | 'all', number>;
  speed: SpeedFigures;
}

export interface ClassifierComparison {
  entries: number;
  messages: number;
  ours: ClassifierFigures;
  nlpjs: ClassifierFigures;
}

export interface ClassifierBenchInput {
  /** Reads the knowledge base and the command words (timed as start-up). */
  load(): Promise<{ kb: KnowledgeBase; commands: CommandVocabulary }>;
  messages: LabelledMessage[];
  speed: SpeedOptions;
  /** Our understander's language when nothing else tells (config.defaultLocale, as in `npm run eval`). */
  fallback: Language;
}

/** A trained classifier: its verdict on one message, given its locale. */
type Classify = (message: LabelledMessage) => Verdict | Promise<Verdict>;

async function figures(load: () => Promise<unknown>, train: () => Promise<Classify>, input: ClassifierBenchInput): Promise<ClassifierFigures> {
  const loaded = await timed(load);
  const trained = await timed(train);
  const { speed, outputs } = await measureSpeed(input.messages, trained.result, input.speed);
  const verdicts = new Map(input.messages.map((m, i) => [m, outputs[i]!]));
  const report = evaluate(input.messages, (m) => ({ intent: verdicts.get(m)!.label }));
  const ranking = evaluate(
    input.messages.filter((m) => m.expected !== NONE_LABEL),
    (m) => ({ intent: verdicts.get(m)!.best }),
  );
  return {
    loadMs: loaded.ms,
    trainMs: trained.ms,
    accuracy: report.accuracy,
    outOfScopeRecall: report.outOfScopeRecall,
    rankedFirst: ranking.accuracy,
    speed,
  };
}

/**
 * Our understander and NLP.js, one after the other in this process, on the same knowledge
 * base and the same messages. Each is told the message's locale: ours as the channel's hint
 * (the text can still overrule it), NLP.js as the locale to classify in.
 */
export async function compareClassifiers(input: ClassifierBenchInput): Promise<ClassifierComparison> {
  // One untimed load first: otherwise whichever classifier loads first also pays for the file
  // cache and for compiling the YAML and schema code, and the comparison says little.
  let content = await input.load();
  const ours = await figures(
    async () => (content = await input.load()),
    async () => {
      // As the bot trains at start (src/app.ts): on a large base, cross-validation on worker threads.
      const understander = await trainUnderstander(content.kb, content.commands);
      return (m) => {
        const u = understander.understand(m.text, { hint: m.language, fallback: input.fallback });
        return { label: u.intent, best: u.candidates[0]?.intent ?? NONE_LABEL };
      };
    },
    input,
  );
  const nlpjs = await figures(
    async () => (content = await input.load()),
    async () => {
      const classify = await trainNlpjs(corpusOf(content.kb));
      return (m) => classify(m.text, m.language);
    },
    input,
  );
  return { entries: content.kb.entries.size, messages: input.messages.length, ours, nlpjs };
}

/** True when ours is at least as accurate as NLP.js in every language. */
export function atLeastAsAccurate(c: ClassifierComparison): boolean {
  return LANGUAGES.every((l) => c.ours.accuracy[l] >= c.nlpjs.accuracy[l]);
}

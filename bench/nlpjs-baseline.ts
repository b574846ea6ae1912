import { createRequire } from 'node:module';
import { LANGUAGES, type Language } from '../src/content/languages.js';
import type { LanguageCorpus } from './training-data.js';

const require = createRequire(import.meta.url);

/** The parts of NLP.js v4 we call; it ships no types. */
interface NlpjsContainer {
  use(plugin: unknown): void;
  get(name: 'nlp'): NlpjsNlp;
}
interface NlpjsNlp {
  settings: Record<string, unknown>;
  nluManager: { settings: Record<string, unknown> };
  addLanguage(locales: string[]): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<{ intent: string; score: number; classifications?: Array<{ intent: string; score: number }> }>;
}

const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap: () => Promise<NlpjsContainer> };
const { Nlp } = require('@nlpjs/nlp') as { Nlp: unknown };
const languagePlugins: Record<Language, unknown> = {
  it: (require('@nlpjs/lang-it') as { LangIt: unknown }).LangIt,
  en: (require('@nlpjs/lang-en') as { LangEn: unknown }).LangEn,
  fr: (require('@nlpjs/lang-fr') as { LangFr: unknown }).LangFr,
  de: (require('@nlpjs/lang-de') as { LangDe: unknown }).LangDe,
};

/** NLP.js's label for "no intent", ours is `none`. */
export const NLPJS_NONE = 'None';

/** A label (an entry id or `none`), and the entry ranked first whatever the `none` decision. */
export interface Verdict {
  label: string;
  best: string;
}

export type AsyncClassify = (text: string, language: Language) => Promise<Verdict>;

/**
 * NLP.js trained the way its README shows (container, Nlp plugin, one language plugin per
 * language, addDocument, train), on the same texts as our model; the out-of-scope examples
 * become its native "None" intent. Settings are its defaults (intent threshold 0.5, the "None"
 * feature on for it/en/fr/de) except: autoSave off, so training writes no model.nlp file, and
 * sentiment off, which we do not compute either and which would only slow NLP.js down, and
 * the training log off.
 */
export async function trainNlpjs(corpus: Record<Language, LanguageCorpus>, languages: readonly Language[] = LANGUAGES): Promise<AsyncClassify> {
  const container = await containerBootstrap();
  container.use(Nlp);
  for (const language of languages) container.use(languagePlugins[language]);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.calculateSentiment = false;
  // Training prints every epoch of every language otherwise.
  nlp.nluManager.settings.log = false;
  nlp.addLanguage([...languages]);
  for (const language of languages) {
    for (const intent of corpus[language].intents) for (const text of intent.texts) nlp.addDocument(language, text, intent.id);
    for (const text of corpus[language].outOfScope) nlp.addDocument(language, text, NLPJS_NONE);
  }
  await nlp.train();
  return async (text, language) => {
    const { intent, classifications = [] } = await nlp.process(language, text);
    const best = classifications.find((c) => c.intent !== NLPJS_NONE)?.intent ?? 'none';
    return { label: intent === NLPJS_NONE || !intent ? 'none' : intent, best };
  };
}

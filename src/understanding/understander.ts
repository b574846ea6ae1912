import { LANGUAGES, type Language } from '../content/languages.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import { createCommandRecognizer, type Command, type CommandVocabulary } from './commands.js';
import { decide, defaultPolicy, type Candidate, type Decision, type DecisionPolicy } from './decide.js';
import { createLanguageDetector, type LanguageContext } from './detect-language.js';
import { NONE, trainIntentModel, type IntentModel } from './intent-model.js';
import { normalise } from './normalise.js';

/** What Sportello understood of one message. No bot types: the CLI and the bot share it. */
export interface Understanding {
  text: string;
  language: Language;
  /** How clearly the text itself showed its language (0-1). */
  languageConfidence: number;
  /** An entry id, or `none`. */
  intent: string;
  decision: Decision;
  /** Calibrated probability that `intent` is right. */
  confidence: number;
  /** The uncalibrated score behind `confidence` (what `npm run eval -- --calibrate` fits). */
  rawScore: number;
  candidates: Candidate[];
  /** For `clarify`, the entries to offer as "did you mean…". */
  offered: string[];
  /** Set when the message is a conversational command ("help", "grazie", "annulla"…). */
  command?: Command;
}

export interface UnderstandingOptions {
  policy?: DecisionPolicy;
  /** How many candidates an Understanding lists. */
  maxCandidates?: number;
}

/** Trains one model per language from the knowledge base and answers "what does this mean?". */
export function createUnderstander(kb: KnowledgeBase, commands: CommandVocabulary, options: UnderstandingOptions = {}) {
  const policy = options.policy ?? defaultPolicy;
  const maxCandidates = options.maxCandidates ?? 5;
  const ids = kb.ids();
  const models = {} as Record<Language, IntentModel>;
  const vocabularies = {} as Record<Language, Set<string>>;
  for (const language of LANGUAGES) {
    models[language] = trainIntentModel({
      language,
      intents: [...kb.entries.values()].map((e) => ({ id: e.id, ...e.text[language] })),
      outOfScope: kb.outOfScope[language],
    });
    const words = new Set([...models[language].vocabulary, ...models[language].analyser.stopwords]);
    for (const phrases of Object.values(commands[language])) for (const p of phrases) normalise(p).split(' ').forEach((w) => words.add(w));
    vocabularies[language] = words;
  }
  const detector = createLanguageDetector(vocabularies);
  const commandRecognizer = createCommandRecognizer(commands);

  function understand(text: string, context: LanguageContext): Understanding {
    const guess = detector.detect(text, context);
    const command = commandRecognizer.recognise(text, guess.language);
    const verdict = decide(models[guess.language].evidence(text), ids, policy);
    const understanding: Understanding = {
      text,
      language: guess.language,
      languageConfidence: guess.confidence,
      intent: verdict.intent,
      decision: verdict.decision,
      confidence: verdict.confidence,
      rawScore: verdict.raw,
      candidates: verdict.candidates.slice(0, maxCandidates),
      offered: verdict.offered,
    };
    // "help", "grazie", "annulla" steer the conversation; no entry answers them.
    if (command) return { ...understanding, intent: NONE, decision: 'none', confidence: 1, rawScore: 1, offered: [], command: command.command };
    return understanding;
  }

  return { understand, recognizeCommand: commandRecognizer.recognise, detectLanguage: detector.detect, models };
}

export type Understander = ReturnType<typeof createUnderstander>;

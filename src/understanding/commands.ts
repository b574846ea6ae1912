import Fuse from 'fuse.js';
import { LANGUAGES, type Language } from '../content/languages.js';
import { normalise } from './normalise.js';

/** Words that steer the conversation rather than ask a question. */
export const COMMANDS = ['help', 'restart', 'cancel', 'back', 'greeting', 'thanks', 'goodbye', 'yes', 'no', 'unsure'] as const;
/** `crisis`: the message says someone may be in danger; it outranks everything else. */
export type Command = (typeof COMMANDS)[number] | 'crisis';

/** Per language, the phrases of each command, and the crisis phrases (matched anywhere in a message). */
export type CommandVocabulary = Record<Language, Record<(typeof COMMANDS)[number] | 'crisis', string[]>>;

export interface CommandMatch {
  command: Command;
  /** The language whose word matched. */
  language: Language;
}

// A command is the whole message, give or take a typo and a polite word; a longer message is
// a question that happens to contain one ("ciao, come tolgo la 2fa?").
const MAX_WORDS = 4;
const MAX_DISTANCE = 0.2;

/** Recognises "help", "annulla", "zurück", "oui"… typed in any of the four languages. */
export function createCommandRecognizer(vocabulary: CommandVocabulary) {
  const phrases = LANGUAGES.flatMap((language) =>
    COMMANDS.flatMap((command) => vocabulary[language][command].map((p) => ({ command, language, text: normalise(p) }))),
  );
  const exact = new Map<string, CommandMatch[]>();
  for (const p of phrases) exact.set(p.text, [...(exact.get(p.text) ?? []), { command: p.command, language: p.language }]);
  const fuse = new Fuse(phrases, { keys: ['text'], includeScore: true, threshold: MAX_DISTANCE });
  // "suicid*" matches any word starting so; other phrases match whole words, anywhere in the text.
  const crisis = LANGUAGES.flatMap((language) =>
    vocabulary[language].crisis.map((p) => {
      const words = normalise(p.replace(/\*$/, '')).split(' ');
      const open = p.trim().endsWith('*');
      return { language, pattern: new RegExp(`(^| )${words.join(' ')}${open ? '' : '( |$)'}`) };
    }),
  );

  /** All matches, so a caller can prefer the one in the conversation's language ("no" is it and en). */
  function recognise(text: string, prefer?: Language): CommandMatch | undefined {
    const normalised = normalise(text);
    const alarm = crisis.find((c) => c.pattern.test(normalised));
    if (alarm) return { command: 'crisis', language: alarm.language };
    if (!normalised || normalised.split(' ').length > MAX_WORDS) return undefined;
    const matches = exact.get(normalised) ?? fuzzy(normalised);
    return matches.find((m) => m.language === prefer) ?? matches[0];
  }

  function fuzzy(normalised: string): CommandMatch[] {
    if (normalised.length < 4) return [];
    const [best] = fuse.search(normalised.slice(0, 32), { limit: 1 });
    return best && (best.score ?? 1) <= MAX_DISTANCE ? [{ command: best.item.command, language: best.item.language }] : [];
  }

  return { recognise };
}

export type CommandRecognizer = ReturnType<typeof createCommandRecognizer>;

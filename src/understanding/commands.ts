import { LANGUAGES, type Language } from '../content/languages.js';
import { fuseByLength } from './fuse-by-length.js';
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
// A typo changes a command's length by a letter or two.
const LENGTH_SLACK = 2;

/** Recognises "help", "annulla", "zurück", "oui"… typed in any of the four languages. */
export function createCommandRecognizer(vocabulary: CommandVocabulary) {
  const phrases = LANGUAGES.flatMap((language) =>
    COMMANDS.flatMap((command) => vocabulary[language][command].map((p) => ({ command, language, text: normalise(p) }))),
  );
  const exact = new Map<string, CommandMatch[]>();
  for (const p of phrases) exact.set(p.text, [...(exact.get(p.text) ?? []), { command: p.command, language: p.language }]);
  // As in spelling, a typo seldom hits the first letter: only phrases starting alike are compared.
  const nearby = fuseByLength(phrases, (p) => p.text, {
    slack: LENGTH_SLACK,
    keyOf: (text) => text[0] ?? '',
    keys: ['text'],
    includeScore: true,
    threshold: MAX_DISTANCE,
  });
  // "suicid*" matches any word starting so; other phrases match whole words, anywhere in the
  // text. One pattern per language, tried only once the pattern of them all has matched.
  const crisisPattern = (phrases: string[]) =>
    new RegExp(
      `(?:^| )(?:${phrases
        .map((p) => `${normalise(p.replace(/\*$/, ''))}${p.trim().endsWith('*') ? '' : '(?: |$)'}`)
        .join('|')})`,
    );
  const anyCrisis = crisisPattern(LANGUAGES.flatMap((l) => vocabulary[l].crisis));
  const crisisBy = LANGUAGES.map((language) => ({ language, pattern: crisisPattern(vocabulary[language].crisis) }));

  /** All matches, so a caller can prefer the one in the conversation's language ("no" is it and en). */
  function recognise(text: string, prefer?: Language): CommandMatch | undefined {
    const normalised = normalise(text);
    if (anyCrisis.test(normalised)) {
      return { command: 'crisis', language: crisisBy.find((c) => c.pattern.test(normalised))!.language };
    }
    if (!normalised || normalised.split(' ').length > MAX_WORDS) return undefined;
    const matches = exact.get(normalised) ?? fuzzy(normalised);
    return matches.find((m) => m.language === prefer) ?? matches[0];
  }

  function fuzzy(normalised: string): CommandMatch[] {
    if (normalised.length < 4) return [];
    const [best] = nearby.search(normalised, 1);
    return best && (best.score ?? 1) <= MAX_DISTANCE ? [{ command: best.item.command, language: best.item.language }] : [];
  }

  return { recognise };
}

export type CommandRecognizer = ReturnType<typeof createCommandRecognizer>;

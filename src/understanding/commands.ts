import { LANGUAGES, type Language } from '../content/languages.js';
import { fuseByLength } from './fuse-by-length.js';
import { normalise } from './normalise.js';

/** Words that steer the conversation rather than ask a question. */
export const COMMANDS = ['help', 'restart', 'cancel', 'back', 'greeting', 'thanks', 'goodbye', 'yes', 'no', 'unsure', 'human'] as const;
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
/** Words a message has at most to be read as any command but a crisis or a request for a person. */
export const MAX_COMMAND_WORDS = MAX_WORDS;
const MAX_DISTANCE = 0.2;
// A typo changes a command's length by a letter or two.
const LENGTH_SLACK = 2;
// Asking for a person takes a sentence ("voglio parlare con un operatore"), often inside a
// longer one ("hi, can I talk to a human about my invoice?"): its phrases of three words or
// more (a verb with its object, not "un operatore" alone, which questions mention too) are
// also looked for inside messages up to this long, a word window at a time, typos forgiven.
const HUMAN = 'human';
const MIN_HUMAN_WINDOW = 3;
const MAX_HUMAN_WORDS = 14;

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
  const humanPhrases = phrases.filter((p) => p.command === HUMAN).map((p) => ({ ...p, words: p.text.split(' ') }));
  // Phrases by their number of words: a window is only compared with phrases of its own size.
  const humanBySize = new Map<number, typeof humanPhrases>();
  for (const p of humanPhrases) humanBySize.set(p.words.length, [...(humanBySize.get(p.words.length) ?? []), p]);
  const humanWindows = new Set([...humanBySize.keys()].filter((size) => size >= MIN_HUMAN_WINDOW));
  const crisisBy = LANGUAGES.map((language) => ({ language, pattern: crisisPattern(vocabulary[language].crisis) }));

  /** All matches, so a caller can prefer the one in the conversation's language ("no" is it and en). */
  function recognise(text: string, prefer?: Language): CommandMatch | undefined {
    const normalised = normalise(text);
    if (anyCrisis.test(normalised)) {
      return { command: 'crisis', language: crisisBy.find((c) => c.pattern.test(normalised))!.language };
    }
    const words = normalised ? normalised.split(' ') : [];
    if (words.length === 0) return undefined;
    if (words.length > MAX_WORDS) return words.length <= MAX_HUMAN_WORDS ? askedForHuman(words, prefer) : undefined;
    const matches = exact.get(normalised) ?? fuzzy(normalised);
    return matches.find((m) => m.language === prefer) ?? matches[0] ?? askedForHuman(words, prefer);
  }

  /**
   * A phrase asking for a person: the whole message, or inside a longer one (phrases of three
   * words or more), word window by word window; each word may carry one typo.
   */
  function askedForHuman(words: string[], prefer?: Language): CommandMatch | undefined {
    const found: CommandMatch[] = [];
    const sizes = words.length <= MAX_WORDS ? new Set([words.length, ...humanWindows]) : humanWindows;
    // (Every size is the whole message's or a window's, MIN_HUMAN_WINDOW words or more.)
    for (const size of sizes) {
      for (let start = 0; start + size <= words.length; start++) {
        for (const p of humanBySize.get(size) ?? []) {
          if (windowIsNear(p.words, words, start)) found.push({ command: HUMAN, language: p.language });
        }
      }
    }
    return found.find((m) => m.language === prefer) ?? found[0];
  }

  function fuzzy(normalised: string): CommandMatch[] {
    if (normalised.length < 4) return [];
    const [best] = nearby.search(normalised, 1);
    return best && (best.score ?? 1) <= MAX_DISTANCE ? [{ command: best.item.command, language: best.item.language }] : [];
  }

  return { recognise };
}

/** Whether each of `phrase`'s words is near the message's word at the same place from `start`. */
function windowIsNear(phrase: readonly string[], words: readonly string[], start: number): boolean {
  for (let i = 0; i < phrase.length; i++) if (!nearWord(phrase[i]!, words[start + i]!)) return false;
  return true;
}

/** The same word, or one typo away (a letter added, dropped, changed or two swapped) in words of four letters or more. */
export function nearWord(expected: string, typed: string): boolean {
  if (expected === typed) return true;
  if (expected.length < 4 || Math.abs(expected.length - typed.length) > 1) return false;
  return editDistanceAtMostOne(expected, typed);
}

// By index, not by slicing: a message is compared word by word with every phrase of its size
// each turn, and the slices were most of the recognizer's garbage.
function editDistanceAtMostOne(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const restA = a.length - i;
  const restB = b.length - i;
  if (restA === restB) {
    // one letter changed, or two neighbours swapped
    if (sameFrom(a, i + 1, b, i + 1)) return true;
    return restA >= 2 && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameFrom(a, i + 2, b, i + 2);
  }
  return restA > restB ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1);
}

/** Whether a from `fromA` and b from `fromB` are the same text. */
function sameFrom(a: string, fromA: number, b: string, fromB: number): boolean {
  if (a.length - fromA !== b.length - fromB) return false;
  for (let i = fromA, j = fromB; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

export type CommandRecognizer = ReturnType<typeof createCommandRecognizer>;

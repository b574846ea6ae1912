import Fuse from 'fuse.js';
import { LANGUAGES, type Language } from '../content/languages.js';
import type { TurnContext } from '../sdk/turn.js';
import { MAX_COMMAND_WORDS, type Command } from '../understanding/commands.js';
import { normalise } from '../understanding/normalise.js';
import type { TurnInput } from './turn-input.js';

/** A choice the bot offered, as a person might type it back in any of the four languages. */
export interface TypeableChoice {
  label: Record<Language, string>;
  /** More ways to say it, per language. */
  says?: Record<Language, string[]>;
  /** The common yes / no / don't-know words select this choice. */
  means?: 'yes' | 'no' | 'unsure';
}

/** Recognises yes / no / don't know and other commands in any language ("si", "oui", "weiß nicht"). */
export type CommandReader = (text: string, prefer?: Language) => { command: Command } | undefined;

/**
 * The command reader for one turn: the understander already looked for a command in the turn's
 * text, in the turn's language, so that answer is reused rather than searched for again. The
 * command recognizer reads only the normalised text, so any text that normalises the same
 * has the same answer.
 */
export function turnCommandReader(input: TurnInput, readCommand: CommandReader): CommandReader {
  const understood = input.understanding;
  let understoodText: string | undefined;
  // (The turn's own text is recognised as is, without normalising either side.)
  const same = (text: string) => text === understood!.text || normalise(text) === (understoodText ??= normalise(understood!.text));
  return (text, prefer) => {
    if (!understood || prefer !== understood.language || !same(text)) return readCommand(text, prefer);
    return understood.command ? { command: understood.command } : undefined;
  };
}

// Labels and phrases are short; anything further than this is another sentence.
const MAX_DISTANCE = 0.3;
// Bitap compares at most 32 characters of the typed text.
const MAX_PATTERN = 32;
// A typed answer is the label with a slip or two, not a fragment of it: fuse finds a pattern
// anywhere in a text, so "is" or "exit" would otherwise "match" a long topic title that
// happens to hold those letters. The typed text must have most of the label's length.
const MIN_SHARE_OF_LABEL = 0.6;
// …or the label's first words typed exactly ("guide me" for "Guide me step by step"), when
// long enough to be meant and when they start one choice only.
const MIN_PREFIX = 4;
// A letter typed twice is the commonest slip in a short answer ("sii", "yess", "non lo soo"),
// and too small an edit for fuzzy matching to see in a two- or three-letter word.
const DOUBLED_LETTER = /(\p{L})\1/gu;

/**
 * Labels and typed answers compared without their spaces: normalising turns "it's" into "it s"
 * and "j'ai" into "j ai", but people type "its", "dont", "jai".
 */
const compact = (normalised: string) => normalised.replace(/ /g, '');

// Offered labels come from the content (titles, button strings, tree choices) and are offered
// again turn after turn; their compared form is kept rather than normalised every turn. The
// cap only guards against labels that are not content.
const phraseForms = new Map<string, string>();
function phraseForm(label: string): string {
  let form = phraseForms.get(label);
  if (form === undefined) {
    form = compact(normalise(label));
    if (phraseForms.size >= 10_000) phraseForms.clear();
    phraseForms.set(label, form);
  }
  return form;
}

const TYPED = Symbol('sportello.typedChoice');

/**
 * A dialog reads a typed answer twice a turn: to see whether it claims a word that would
 * otherwise interrupt ("stop" as one of its choices), then to handle it. Nothing changes in
 * between, so the first reading serves both. `asked` is the state object that says what is
 * pending (the same object both times in one turn).
 */
export function typedOnce<T>(context: TurnContext, asked: object, read: () => T): T {
  let readings = context.turnState.get(TYPED) as WeakMap<object, { value: T }> | undefined;
  if (!readings) context.turnState.set(TYPED, (readings = new WeakMap()));
  let reading = readings.get(asked);
  if (!reading) readings.set(asked, (reading = { value: read() }));
  return reading.value;
}

interface Phrase {
  index: number;
  language: Language;
  text: string;
  /** How many times each character occurs in `text`: what `missingCharacters` compares, counted once. */
  letters: Map<string, number>;
}

function letterCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

// The phrases of a list of choices, for lists offered again turn after turn (the prompts the
// router rebuilds from ids are kept, so the same list comes back).
const phraseLists = new WeakMap<readonly TypeableChoice[], Phrase[]>();
function phrasesOf(choices: readonly TypeableChoice[]): Phrase[] {
  let phrases = phraseLists.get(choices);
  if (!phrases) {
    phrases = choices.flatMap((choice, index) =>
      LANGUAGES.flatMap((l) =>
        [choice.label[l], ...(choice.says?.[l] ?? [])].map((p) => {
          const text = phraseForm(p);
          return { index, language: l, text, letters: letterCounts(text) };
        }),
      ),
    );
    phraseLists.set(choices, phrases);
  }
  return phrases;
}

/** yes / no / don't know, as the command words of any language say it, or undefined; `typed` is `text` normalised. */
function meaningOf(text: string, typed: string, language: Language, readCommand: CommandReader): TypeableChoice['means'] {
  // The text as typed first: the turn's reader has its recognition already (turnCommandReader).
  // The single-letter spelling only when there is one, and short enough to be a yes or a no
  // (a longer message is read only for a crisis or a person): it is recognised anew.
  const single = typed.replace(DOUBLED_LETTER, '$1');
  const again = single !== typed && single.split(' ').length <= MAX_COMMAND_WORDS;
  const command = readCommand(text, language)?.command ?? (again ? readCommand(single, language)?.command : undefined);
  return command === 'yes' || command === 'no' || command === 'unsure' ? command : undefined;
}

/**
 * Reads a typed answer as one of the offered choices: its number, a label or phrase in any
 * language (a typo forgiven), or a yes / no / don't know for the choice that means it.
 * Returns the choice's index, or undefined when the text answers none of them.
 */
export function matchTypedChoice(choices: readonly TypeableChoice[], text: string, language: Language, readCommand: CommandReader): number | undefined {
  const typed = normalise(text);
  if (!typed) return undefined;
  const asNumber = Number(typed);
  if (Number.isInteger(asNumber) && asNumber >= 1 && asNumber <= choices.length) return asNumber - 1;
  const phrases = phrasesOf(choices);
  const compacted = compact(typed);
  const exact = phrases.find((p) => p.text === compacted);
  if (exact) return exact.index;
  const meaning = meaningOf(text, typed, language, readCommand);
  if (meaning) {
    const index = choices.findIndex((c) => c.means === meaning);
    // A "yes" to a question that has no yes-choice answers none of them: no fuzzy guess.
    return index >= 0 ? index : undefined;
  }
  // A fragment is weak evidence: only in the conversation's language ("code" starts the French
  // "Code support…", which an English customer typing "code" does not mean).
  const prefixed = labelStartingWith(phrases.filter((p) => p.language === language), compacted);
  if (prefixed !== undefined) return prefixed;
  const pattern = compacted.slice(0, MAX_PATTERN);
  // A customer's next question, typed while buttons are on screen, is seldom an answer to them:
  // the phrases it cannot come close to are left out before the (costly) fuzzy search.
  const maxEdits = Math.ceil(MAX_DISTANCE * pattern.length);
  const typedLength = compacted.length;
  const patternLetters = [...letterCounts(pattern)];
  const reachable = phrases.filter(
    (p) => typedLength >= MIN_SHARE_OF_LABEL * p.text.length && lettersMissing(patternLetters, p.letters) <= maxEdits && withinEdits(pattern, p.text, maxEdits),
  );
  if (reachable.length === 0) return undefined;
  const [best] = new Fuse(reachable, { keys: ['text'], includeScore: true, threshold: MAX_DISTANCE }).search(pattern, { limit: 1 });
  return best && (best.score ?? 1) <= MAX_DISTANCE ? best.item.index : undefined;
}

/** The one choice whose phrase starts with the typed text; undefined if none or several do. */
export function labelStartingWith(phrases: ReadonlyArray<{ index: number; text: string }>, typed: string): number | undefined {
  if (typed.length < MIN_PREFIX) return undefined;
  const starting = new Set(phrases.filter((p) => p.text.startsWith(typed)).map((p) => p.index));
  return starting.size === 1 ? [...starting][0] : undefined;
}

/**
 * How many characters of `pattern` (counted with repetition) `text` does not have. Each one
 * costs at least one edit, so this is a lower bound of the edits needed to find `pattern`
 * anywhere in `text` (the "bag distance"): above fuse's allowed edits, fuse cannot match either.
 */
export function missingCharacters(pattern: string, text: string): number {
  return lettersMissing([...letterCounts(pattern)], letterCounts(text));
}

// One column of withinEdits' table, kept: a pattern is at most MAX_PATTERN characters.
const editColumn = new Int32Array(MAX_PATTERN + 1);

/**
 * Whether `pattern` occurs somewhere in `text` with at most `edits` insertions, deletions and
 * substitutions (Sellers' algorithm: edit distance to the best-matching substring). Fuse's Bitap
 * search accepts a phrase only with at most threshold × pattern length such edits (its score is
 * at least edits / pattern length), so a phrase this rejects fuse rejects too: tested on random
 * texts against fuse itself. Texts are compared as given (fuse lower-cases; ours are normalised).
 * About 2 µs a phrase, where fuse's index and search cost tens.
 */
export function withinEdits(pattern: string, text: string, edits: number): boolean {
  const m = pattern.length;
  if (m <= edits) return true;
  const column = m < editColumn.length ? editColumn : new Int32Array(m + 1);
  // Before any of the text: the pattern's first i characters cost i deletions.
  for (let i = 0; i <= m; i++) column[i] = i;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    // column[0] stays 0: a match may start anywhere in the text.
    let diagonal = 0;
    for (let i = 1; i <= m; i++) {
      const above = column[i]!;
      const substitution = diagonal + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      const value = Math.min(substitution, above + 1, column[i - 1]! + 1);
      diagonal = above;
      column[i] = value;
    }
    if (column[m]! <= edits) return true;
  }
  return false;
}

/** `missingCharacters` on letter counts made beforehand (a phrase's once, the typed text's once a turn). */
function lettersMissing(pattern: ReadonlyArray<readonly [string, number]>, text: ReadonlyMap<string, number>): number {
  // (The typed text's counts as an array, read once per phrase: a Map's iterator made an entry per letter.)
  let missing = 0;
  for (let i = 0; i < pattern.length; i++) {
    const letter = pattern[i]!;
    missing += Math.max(0, letter[1] - (text.get(letter[0]) ?? 0));
  }
  return missing;
}

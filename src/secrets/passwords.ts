import type { Span } from './numbers.js';
import { bare, looksGenerated, MAX_WORD, namesPattern, normal, wordAt } from './words.js';
import type { TextView } from './text-view.js';

export interface PasswordWords {
  /** What a password is called ("password", "mot de passe"). */
  names: string[];
  /** Words between a name and its secret ("is", "est"). */
  connectors: string[];
  /** Words between a secret and the name that follows it ("hunter2 is my password"). */
  before: string[];
  /** Words that point back to a password ("the new one is …"). */
  references: string[];
  /** Words that describe a password rather than being one, stopwords included. */
  notSecrets: Set<string>;
}

/** How many words may sit between a password's name and its connector ("password of my mailbox is"). */
const MAX_FILLERS = 3;
/** How far before a name a secret and its link ("… is my") may start. */
const BEFORE_WINDOW = 80;

/**
 * Passwords announced in words, in any of the languages at once: after their name ("my
 * password is x", "password: x"), before it ("x is my password", "x come password"), and after
 * a word that points back to one ("I changed my password, the new one is x").
 */
export function createPasswordFinder(words: PasswordWords): (view: TextView) => Span[] {
  const names = namesPattern(words.names);
  const references = namesPattern(words.references);
  const connectors = new Set(words.connectors.map(normal));
  const links = new Set(words.before.map((phrase) => normal(phrase).split(/\s+/).join(' ')));
  const linkWords = Math.max(...[...links].map((phrase) => phrase.split(' ').length));
  const describes = (word: string) => words.notSecrets.has(bare(word)) || !bare(word);

  /** The word or quoted text at `from`, unless it is a mask or, after a word, a description. */
  function secretAt(view: TextView, from: number, afterWord: boolean, strict = false): Span | undefined {
    const span = wordAt(view.text, from);
    const word = view.text.slice(span.start, span.end);
    if (!word || view.maskAt(span.start) || (afterWord && describes(word))) return undefined;
    if (strict && !looksGenerated(word) && !/^\p{P}/u.test(word)) return undefined;
    return span;
  }

  /** "password: x", "pwd=x", "my password is x", "password for the mailbox is x", "password Xy12". */
  function after(view: TextView, nameEnd: number, strict: boolean): Span | undefined {
    const { text } = view;
    const punctuation = /^\s*[:=]+/.exec(text.slice(nameEnd, nameEnd + 50));
    if (punctuation) return secretAt(view, nameEnd + punctuation[0].length, false, strict);
    const next = new RegExp(`\\s{0,${MAX_WORD}}(\\S{1,${MAX_WORD}})`, 'y');
    next.lastIndex = nameEnd;
    for (let i = 0; i <= MAX_FILLERS; i++) {
      const match = next.exec(text);
      if (!match) return undefined;
      const word = match[1]!;
      if (/[:=]$/.test(word)) return secretAt(view, next.lastIndex, false, strict);
      if (connectors.has(normal(word))) {
        const colon = /^\s*[:=]/.exec(text.slice(next.lastIndex, next.lastIndex + 20));
        // Past a few words ("the password field is greyed"), only what looks like a password is one.
        return secretAt(view, next.lastIndex + (colon?.[0].length ?? 0), !colon, strict || (i > 0 && !colon));
      }
      if (i === 0 && looksGenerated(word)) return { start: next.lastIndex - word.length, end: next.lastIndex };
      // The link must be in the same clause: "Passwort wird nicht akzeptiert, was mache ich" links nothing.
      if (/[,;.!?]$/.test(word)) return undefined;
    }
    return undefined;
  }

  /** "hunter2 is my password": the word before a link that ends right at the name. */
  function beforeName(view: TextView, nameStart: number): Span | undefined {
    const from = Math.max(0, nameStart - BEFORE_WINDOW);
    const window = view.text.slice(from, nameStart);
    if (!/\s$/.test(window)) return undefined;
    // The words before the name, compared as words: a regex anchored at the end would retry
    // from every position of the window, on each of thousands of names.
    const words = [...window.matchAll(/\S+/g)];
    for (let n = 1; n <= linkWords && n < words.length; n++) {
      if (!links.has(normal(words.slice(-n).map((w) => w[0]).join(' ')))) continue;
      const secret = words.at(-1 - n)!;
      return secretBefore(view, secret[0], from + secret.index);
    }
    return undefined;
  }

  /** The word before a link is the secret unless a clause ends at it or it says what the password is. */
  function secretBefore(view: TextView, word: string, start: number): Span | undefined {
    if (/[,.;]$/.test(word) || describes(word) || view.insideMask(start)) return undefined;
    return { start, end: start + word.length };
  }

  return (view) => {
    const spans: Span[] = [];
    let firstName = Infinity;
    for (const name of view.text.matchAll(names)) {
      if (view.insideMask(name.index)) continue;
      firstName = Math.min(firstName, name.index);
      const found = [after(view, name.index + name[0].length, false), beforeName(view, name.index)];
      for (const span of found) if (span) spans.push(span);
    }
    // A reference with no password named before it takes only what looks like one ("the new one is Blue77").
    for (const reference of view.text.matchAll(references)) {
      if (view.insideMask(reference.index)) continue;
      const span = after(view, reference.index + reference[0].length, reference.index < firstName);
      if (span) spans.push(span);
    }
    return spans;
  };
}

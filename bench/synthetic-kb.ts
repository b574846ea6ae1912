import { LANGUAGES, type Language } from '../src/content/languages.js';
import type { LabelledMessage } from '../src/evaluation/labelled-set.js';
import { createKnowledgeBase, entryOf, type Entry, type KnowledgeBase } from '../src/knowledge/model.js';
import type { EntryFile } from '../src/knowledge/schema.js';
import { wordLists, type WordList } from './word-lists.js';

/** The most entries the word lists can make without repeating a thing × qualifier pair. */
export const MAX_SYNTHETIC_ENTRIES = Math.min(...LANGUAGES.map((l) => wordLists[l].things.length * wordLists[l].qualifiers.length));

const fill = (template: string, words: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, name: string) => words[name] ?? '');
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Entry `index` is one thing × one qualifier: consecutive entries change thing first, so small sets still vary. */
function wordsOf(list: WordList, index: number, verbIndex: number) {
  return {
    thing: list.things[index % list.things.length]!,
    qualifier: list.qualifiers[Math.floor(index / list.things.length) % list.qualifiers.length]!,
    verb: list.verbs[verbIndex % list.verbs.length]!,
  };
}

export const syntheticId = (index: number) => `synthetic-${String(index + 1).padStart(4, '0')}`;

/** `count` entries shaped like knowledge/*.yaml files (they pass the same schema). */
export function syntheticEntryFiles(count: number): EntryFile[] {
  if (count < 1 || count > MAX_SYNTHETIC_ENTRIES) throw new Error(`synthetic knowledge base: count must be 1-${MAX_SYNTHETIC_ENTRIES}, got ${count}`);
  return Array.from({ length: count }, (_, index) => {
    const side = (language: Language) => {
      const list = wordLists[language];
      const name = fill(language === 'it' || language === 'fr' ? '{thing} {qualifier}' : '{qualifier} {thing}', wordsOf(list, index, 0));
      return {
        title: capitalised(name),
        questions: list.questions.map((template, k) => fill(template, wordsOf(list, index, index + k))),
        keywords: [name],
        answer: { summary: `${capitalised(name)}: synthetic answer ${index + 1}.` },
      };
    };
    return { version: 1 as const, id: syntheticId(index), related: [], it: side('it'), en: side('en'), fr: side('fr'), de: side('de') };
  });
}

/**
 * Messages no training question has: each `heldOutEvery`-th entry asked once per language
 * with a phrasing kept out of training.
 */
export function syntheticHeldOut(count: number, heldOutEvery: number): LabelledMessage[] {
  const messages: LabelledMessage[] = [];
  for (let index = 0; index < count; index += heldOutEvery) {
    for (const language of LANGUAGES) {
      const list = wordLists[language];
      const template = list.heldOut[index % list.heldOut.length]!;
      messages.push({ expected: syntheticId(index), language, text: fill(template, wordsOf(list, index, index * 7 + 3)), source: `synthetic:${index}:${language}` });
    }
  }
  return messages;
}

/** A knowledge base of `count` synthetic entries, with the given out-of-scope examples. */
export function syntheticKnowledgeBase(count: number, outOfScope: Record<Language, string[]>): KnowledgeBase {
  const entries: Entry[] = syntheticEntryFiles(count).map((file) =>
    entryOf({ id: file.id, related: file.related }, { it: file.it, en: file.en, fr: file.fr, de: file.de }),
  );
  return createKnowledgeBase(entries, outOfScope);
}

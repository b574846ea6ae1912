import type { Language } from '../../src/content/languages.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import type { Choice, Tree } from '../../src/trees/model.js';

export const LOCALES: Record<Language, string> = { it: 'it-IT', en: 'en-US', fr: 'fr-FR', de: 'de-DE' };

/** What people type for yes / no / don't know, typos included, per language. */
const MEANING_WORDS: Record<Language, Record<NonNullable<Choice['means']>, string[]>> = {
  it: { yes: ['sì', 'si', 'sii'], no: ['no', 'noo'], unsure: ['non lo so', 'boh'] },
  en: { yes: ['yes', 'yeah', 'yess'], no: ['no', 'nope'], unsure: ["I don't know", 'dunno'] },
  fr: { yes: ['oui', 'ouais', 'ouii'], no: ['non', 'nan'], unsure: ['je ne sais pas', 'je sais pas'] },
  de: { yes: ['ja', 'jaa', 'genau'], no: ['nein', 'nö'], unsure: ['weiß nicht', 'keine ahnung'] },
};

/** A label typed in a hurry: lower case, no final punctuation, one letter dropped from a long word. */
export function withTypo(label: string): string {
  const text = label.toLowerCase().replace(/[?!.]+$/, '');
  const word = /\p{L}{7,}/u.exec(text);
  if (!word) return text;
  const at = word.index + Math.floor(word[0].length / 2);
  return text.slice(0, at) + text.slice(at + 1);
}

/** The ways a customer may type this choice in this language: label, label with a typo, phrases, yes/no words. */
export function typedAnswers(choice: Choice, language: Language): string[] {
  return [
    choice.label[language],
    withTypo(choice.label[language]),
    ...(choice.says?.[language] ?? []),
    ...(choice.means ? MEANING_WORDS[language][choice.means] : []),
  ];
}

/** Text a node must show: its own text, and for an entry node the entry's title too. */
export function nodeShows(tree: Tree, id: string, language: Language, kb: KnowledgeBase): string {
  const node = tree.nodes.get(id)!;
  if (node.type === 'entry') return node.text?.[language] ?? kb.get(node.entry)!.text[language].title;
  return node.text[language];
}

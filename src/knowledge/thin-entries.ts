import { LANGUAGES } from '../content/languages.js';
import type { KnowledgeBase } from './model.js';

/**
 * Below this many example questions (with no keywords either) an entry is found mostly by its
 * title and answer text: it works, but phrasings far from the article's words are missed.
 */
export const THIN_QUESTIONS = 5;

/** Warnings, not errors: what an author could add so an entry is understood better. */
export function thinEntryWarnings(kb: KnowledgeBase, dir: string): string[] {
  const warnings: string[] = [];
  for (const entry of kb.entries.values()) {
    const file = `${dir}/${entry.id}.yaml`;
    const missing = LANGUAGES.filter((l) => !entry.languages.includes(l));
    if (missing.length > 0) warnings.push(`${file}: not written in ${missing.join(', ')} — customers writing in them get the ${entry.languages[0]} text with a note`);
    for (const language of entry.languages) {
      const { questions, keywords } = entry.text[language];
      if (questions.length < THIN_QUESTIONS) {
        warnings.push(`${file}: ${language} has ${questions.length} example question(s)${keywords.length === 0 ? ' and no keywords' : ''} — add a few as customers ask (${THIN_QUESTIONS}+ helps)`);
      }
    }
  }
  return warnings;
}

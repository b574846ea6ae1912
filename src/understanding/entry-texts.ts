import type { EntryText } from '../knowledge/model.js';

/** One text an intent is trained on, and what part of the entry it comes from. */
export interface TrainingText {
  text: string;
  kind: 'title' | 'question' | 'keyword' | 'answer';
}

// An answer sentence says what the entry is about less directly than a question asked by a
// customer: it counts for this much of one.
export const ANSWER_WEIGHT = 0.5;

const sentences = (text: string) =>
  text
    .split(/\n+|(?<=[.!?;:])\s+/)
    .map((s) => s.replace(/[*_`#>]+/g, ' ').trim())
    .filter((s) => s.length > 0);

/**
 * Everything an entry says in one language, as training texts: its title, example questions and
 * keywords, and its answer (summary, headings, section texts, steps, warnings) sentence by
 * sentence, so that an entry without example questions is still found by what it explains.
 */
export function trainingTexts(text: EntryText): TrainingText[] {
  const { answer } = text;
  const answerTexts = [
    ...sentences(answer.summary),
    ...(answer.sections ?? []).flatMap((s) => [...(s.heading ? [s.heading] : []), ...(s.text ? sentences(s.text) : []), ...(s.steps ?? []).flatMap(sentences)]),
    ...(answer.warnings ?? []).flatMap(sentences),
  ];
  return [
    { text: text.title, kind: 'title' },
    ...text.questions.map((q) => ({ text: q, kind: 'question' as const })),
    ...text.keywords.map((k) => ({ text: k, kind: 'keyword' as const })),
    ...answerTexts.map((a) => ({ text: a, kind: 'answer' as const })),
  ];
}

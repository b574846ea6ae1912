import type { Understander } from '../understanding/understander.js';
import type { ReviewedQuestion, ReviewGroups } from './group.js';
import { asFirstMessage } from './place.js';

/**
 * The questions the review added to an entry that the base, once patched, still does not
 * answer with that entry. The patch promises the person who applies it that its questions are
 * then answered; one that is not (its words pull towards another entry, or towards `none`)
 * does not fit where it was put, and goes to a draft for a person to decide.
 */
export function unanswered(groups: ReviewGroups, patched: Understander): Array<{ entry: string; question: ReviewedQuestion }> {
  const failing: Array<{ entry: string; question: ReviewedQuestion }> = [];
  for (const [entry, questions] of groups.entries) {
    for (const question of questions) {
      const understanding = patched.understand(question.text, asFirstMessage(question.language));
      if (understanding.decision !== 'answer' || understanding.intent !== entry) failing.push({ entry, question });
    }
  }
  return failing;
}

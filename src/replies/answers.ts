import type { Language } from '../content/languages.js';
import type { Translate } from '../i18n/i18n.js';
import { textIn, type Entry, type KnowledgeBase } from '../knowledge/model.js';
import type { AnswerContent, Reply, ReplyChoice } from './reply.js';

/** The entry's answer in one language, as the reply model carries it. */
export function answerContent(entry: Entry, wanted: Language): AnswerContent {
  // An entry not yet written in the customer's language is shown in one it has.
  const { language, text } = textIn(entry, wanted);
  return {
    entry: entry.id,
    language,
    title: text.title,
    summary: text.answer.summary,
    sections: text.answer.sections ?? [],
    warnings: text.answer.warnings ?? [],
  };
}

/** An answer as Markdown: title, summary, each section with numbered steps, then warnings. */
export function answerMarkdown(answer: AnswerContent): string {
  const parts = [`**${answer.title}**`, answer.summary.trim()];
  for (const section of answer.sections) {
    const lines: string[] = [];
    if (section.heading) lines.push(`**${section.heading}**`);
    if (section.text) lines.push(section.text.trim());
    if (section.steps) lines.push(section.steps.map((s, i) => `${i + 1}. ${s.trim()}`).join('\n'));
    parts.push(lines.join('\n\n'));
  }
  // A quote sets warnings apart wherever Markdown is read, with no emoji that fonts may lack.
  for (const warning of answer.warnings) parts.push(`> ${warning.trim()}`);
  return parts.join('\n\n');
}

export const entryChoice = (entry: Entry, language: Language): ReplyChoice => ({
  title: textIn(entry, language).text.title,
  payload: { action: 'entry', entry: entry.id },
});

/** "Was this helpful?": 👍 and 👎, each naming the entry it is about. */
export function helpfulChoices(entry: Entry, language: Language, t: Translate): ReplyChoice[] {
  return [true, false].map((helpful) => ({
    title: t(language, helpful ? 'answer.helpfulYes' : 'answer.helpfulNo'),
    payload: { action: 'helpful', entry: entry.id, helpful },
  }));
}

/** An entry's answer with its related entries offered as buttons, then "was this helpful?". */
export function answerReply(kb: KnowledgeBase, entry: Entry, language: Language, t: Translate): Reply {
  const answer = answerContent(entry, language);
  const related = entry.related.map((id) => kb.get(id)).filter((e): e is Entry => e !== undefined);
  const choicesText = related.length > 0 ? t(language, 'answer.related') : undefined;
  const feedback = { text: t(language, 'answer.helpful'), choices: helpfulChoices(entry, language, t) };
  // One line, in the customer's language, saying why the answer is in another.
  const note = answer.language === language ? undefined : t(language, 'answer.otherLanguage', { language: t(language, `answer.languages.${answer.language}`) });
  // Where buttons follow the text (suggested actions), the question about helpfulness is its last line.
  const text = [note, answerMarkdown(answer), choicesText, feedback.text].filter(Boolean).join('\n\n');
  return { text, answer, choices: related.map((e) => entryChoice(e, language)), ...(choicesText ? { choicesText } : {}), feedback };
}

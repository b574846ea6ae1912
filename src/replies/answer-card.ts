import { adaptiveCard, choiceRows, submitAction, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { answerMarkdown } from './answers.js';
import type { AnswerContent, ReplyChoice } from './reply.js';

/**
 * The number of a step as plain text. A TextBlock's Markdown would read "2." as the start of
 * an ordered list, and since each TextBlock is rendered on its own, every list starts again at
 * 1: Web Chat and the Emulator showed "1." on every step. A RichTextBlock's TextRun is never
 * Markdown, on Web Chat, the Emulator and Teams alike.
 */
export const stepNumber = (n: number): CardElement => ({
  type: 'RichTextBlock',
  inlines: [{ type: 'TextRun', text: `${n}.`, weight: 'Bolder' }],
});

/** Numbered steps as rows, so a wrapped step stays indented under its number. */
function stepRows(steps: readonly string[]): CardElement[] {
  return steps.map((step, i) => ({
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: 'auto', items: [stepNumber(i + 1)] },
      { type: 'Column', width: 'stretch', items: [textBlock(step.trim())] },
    ],
  }));
}

/**
 * An answer as an Adaptive Card: title, summary, each section with its numbered steps,
 * warnings in attention style, then the related questions as buttons (when `related` is given),
 * then "was this helpful?" with 👍 and 👎 side by side (when `feedback` is given).
 */
export function answerCard(
  answer: AnswerContent,
  related?: { text?: string; choices: readonly ReplyChoice[] },
  feedback?: { text: string; choices: readonly ReplyChoice[] },
): AdaptiveCard {
  const body: CardElement[] = [
    textBlock(answer.title, { style: 'heading', size: 'Medium', weight: 'Bolder' }),
    textBlock(answer.summary.trim()),
  ];
  for (const section of answer.sections) {
    if (section.heading) body.push(textBlock(section.heading, { weight: 'Bolder', spacing: 'Medium' }));
    if (section.text) body.push(textBlock(section.text.trim(), section.heading ? {} : { spacing: 'Medium' }));
    if (section.steps) body.push(...stepRows(section.steps));
  }
  if (answer.warnings.length > 0) {
    body.push({
      type: 'Container',
      style: 'attention',
      spacing: 'Medium',
      // The attention style marks a warning on every channel; an emoji would depend on the visitor's
      // fonts. The text keeps the default colour: attention-coloured text on the attention
      // background is too faint to read (contrast 3.4 in Web Chat, under WCAG's 4.5).
      items: answer.warnings.map((w) => textBlock(w.trim(), { weight: 'Bolder' })),
    });
  }
  if (related && related.choices.length > 0) {
    if (related.text) body.push(textBlock(related.text, { spacing: 'Medium', isSubtle: true }));
    body.push(...choiceRows(related.choices));
  }
  if (feedback && feedback.choices.length > 0) {
    body.push(textBlock(feedback.text, { spacing: 'Large', separator: true, isSubtle: true }));
    // Two short buttons fit on one row everywhere, and read as one question.
    body.push({ type: 'ActionSet', actions: feedback.choices.map(submitAction) });
  }
  return adaptiveCard(body, answerMarkdown(answer));
}

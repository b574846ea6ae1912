import type { Language } from '../content/languages.js';
import type { Payload } from './payload.js';

/** A button: what a person would type, and the exact choice it stands for. */
export interface ReplyChoice {
  title: string;
  payload: Payload;
}

/** An entry's answer, kept whole so channels with cards can lay it out. */
export interface AnswerContent {
  entry: string;
  language: Language;
  title: string;
  summary: string;
  sections: Array<{ heading?: string; text?: string; steps?: string[] }>;
  warnings: string[];
}

/**
 * One thing the bot says, independent of the channel: Markdown text, optional buttons, and
 * for answers the structured content. Renderers turn it into Web Chat, Emulator or Teams activities.
 */
export interface Reply {
  text: string;
  choices?: ReplyChoice[];
  /** Introduces the choices where they are laid out apart from the text (in a card). */
  choicesText?: string;
  answer?: AnswerContent;
  /** "Was this helpful?" with its 👍 / 👎 buttons, after an answer. */
  feedback?: { text: string; choices: ReplyChoice[] };
}

import { CardFactory } from '../sdk/cards.js';
import { type MessagingExtensionQuery, type MessagingExtensionResponse } from '../sdk/activity.js';
import { languageOf, type Language } from '../content/languages.js';
import type { Entry, KnowledgeBase } from '../knowledge/model.js';
import { answerCard } from '../replies/answer-card.js';
import { answerContent } from '../replies/answers.js';
import { topicsByPopularity } from '../replies/topic-menu.js';
import { defaultPolicy } from '../understanding/decide.js';
import type { Understander } from '../understanding/understander.js';

/** The compose-box search command, as the Teams manifest declares it, and its parameters. */
export const SEARCH_COMMAND_ID = 'searchKnowledge';
export const SEARCH_PARAMETER = 'query';
/** The language of the inserted card (it, en, fr, de), when the agent picks one. */
export const LANGUAGE_PARAMETER = 'language';
/** Teams sends this parameter, set to "true", when the command opens, before anything is typed. */
const INITIAL_RUN_PARAMETER = 'initialRun';

/** Entries a search lists at most: what an agent can tell apart at a glance. */
export const MAX_RESULTS = 3;
/** Teams asks for 25 results a page unless told otherwise. */
const DEFAULT_PAGE = 25;
const PREVIEW_LENGTH = 140;

/** Raised for a query this extension cannot answer; Teams gets 400 (TeamsActivityHandler maps the message). */
export class BadSearchRequest extends Error {
  constructor(readonly reason: string) {
    super('BadRequest');
  }
}

/** What an agent asked for, read once from the invoke's value. */
export interface SearchRequest {
  /** Empty on the initial run. */
  text: string;
  initialRun: boolean;
  /** The card language the agent picked, if any. */
  language?: Language;
  skip: number;
  count: number;
}

const parameter = (query: MessagingExtensionQuery, name: string): string | undefined => {
  const value = query.parameters?.find((p) => p.name === name)?.value;
  return typeof value === 'string' ? value : undefined;
};

const nonNegative = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback);

/** Reads a composeExtension/query; refuses other commands than ours. */
export function readSearchRequest(query: MessagingExtensionQuery): SearchRequest {
  if (query.commandId !== SEARCH_COMMAND_ID) throw new BadSearchRequest(`unknown commandId ${JSON.stringify(query.commandId)}`);
  const initialRun = parameter(query, INITIAL_RUN_PARAMETER) === 'true';
  return {
    text: initialRun ? '' : (parameter(query, SEARCH_PARAMETER) ?? '').trim(),
    initialRun,
    language: languageOf(parameter(query, LANGUAGE_PARAMETER)),
    skip: nonNegative(query.queryOptions?.skip, 0),
    count: Math.max(1, nonNegative(query.queryOptions?.count, DEFAULT_PAGE)),
  };
}

/** Plain text for the preview list: no Markdown, one line, cut at a word. */
function preview(markdown: string): string {
  const plain = markdown.replace(/\*\*?|__?|`/g, '').replace(/\s+/g, ' ').trim();
  if (plain.length <= PREVIEW_LENGTH) return plain;
  return `${plain.slice(0, plain.lastIndexOf(' ', PREVIEW_LENGTH))}…`;
}

export interface ComposeSearchParts {
  kb: KnowledgeBase;
  understander: Understander;
  defaultLanguage: Language;
}

/**
 * The messaging extension's answer. A search is read by the bot's own understanding: the
 * entries it would consider for that message, best first, at most MAX_RESULTS, none when it
 * would decline the message; the initial run lists the most asked entries. The cards come in the
 * language the agent picked, else the search text's (the agent's Teams language is only the
 * detector's hint), so an agent on English Teams can insert an Italian card for an Italian
 * customer. Each result is the answer card (inserted into the agent's message) with a preview
 * for the list. The card carries no buttons: it lands in a conversation the bot may not be in.
 */
export function createComposeSearch({ kb, understander, defaultLanguage }: ComposeSearchParts) {
  function find(request: SearchRequest, agentLanguage: Language): { entries: Entry[]; language: Language } {
    if (!request.text) return { entries: topicsByPopularity(kb), language: request.language ?? agentLanguage };
    const understanding = understander.understand(request.text, { hint: agentLanguage, fallback: defaultLanguage });
    // What the bot would decline to answer, the search does not list either.
    if (understanding.decision === 'none') return { entries: [], language: request.language ?? understanding.language };
    const entries = understanding.candidates
      .filter((c) => c.score >= defaultPolicy.offerAt)
      .slice(0, MAX_RESULTS)
      .map((c) => kb.get(c.intent))
      .filter((e): e is Entry => e !== undefined);
    return { entries, language: request.language ?? understanding.language };
  }

  return {
    answer(query: MessagingExtensionQuery, locale: string | undefined): MessagingExtensionResponse {
      const request = readSearchRequest(query);
      const { entries, language } = find(request, languageOf(locale) ?? defaultLanguage);
      const attachments = entries.slice(request.skip, request.skip + request.count).map((entry) => {
        const answer = answerContent(entry, language);
        return { ...CardFactory.adaptiveCard(answerCard(answer)), preview: CardFactory.thumbnailCard(answer.title, preview(answer.summary)) };
      });
      return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
    },
  };
}

export type ComposeSearch = ReturnType<typeof createComposeSearch>;

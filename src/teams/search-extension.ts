import { CardFactory, type MessagingExtensionQuery, type MessagingExtensionResponse } from 'botbuilder';
import type { Language } from '../content/languages.js';
import type { KnowledgeSearch } from '../knowledge/search.js';
import { answerCard } from '../replies/answer-card.js';
import { answerContent } from '../replies/answers.js';

/** The compose-box search command, as the Teams manifest declares it. */
export const SEARCH_COMMAND_ID = 'searchKnowledge';
export const SEARCH_PARAMETER = 'query';

const PREVIEW_LENGTH = 140;

/** Plain text for the preview list: no Markdown, one line, cut at a word. */
function preview(markdown: string): string {
  const plain = markdown.replace(/\*\*?|__?|`/g, '').replace(/\s+/g, ' ').trim();
  if (plain.length <= PREVIEW_LENGTH) return plain;
  return `${plain.slice(0, plain.lastIndexOf(' ', PREVIEW_LENGTH))}…`;
}

/** What the agent typed in the compose box's search field (empty on the initial run). */
export function searchText(query: MessagingExtensionQuery): string {
  const parameter = query.parameters?.find((p) => p.name === SEARCH_PARAMETER) ?? query.parameters?.[0];
  return typeof parameter?.value === 'string' ? parameter.value : '';
}

/**
 * The messaging extension's answer: knowledge entries matching the search, each as the answer
 * card (inserted into the agent's message) with a preview for the result list, in the agent's
 * language. The card carries no buttons: it lands in a conversation the bot may not be in.
 */
export function searchResults(search: KnowledgeSearch, text: string, language: Language): MessagingExtensionResponse {
  const attachments = search.search(text).map((entry) => {
    const answer = answerContent(entry, language);
    return {
      ...CardFactory.adaptiveCard(answerCard(answer)),
      preview: CardFactory.thumbnailCard(answer.title, preview(answer.summary)),
    };
  });
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

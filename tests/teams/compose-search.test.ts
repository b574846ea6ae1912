import type { MessagingExtensionResponse } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { loadTeamsApp } from '../../src/teams/app-file.js';
import { buildManifest } from '../../src/teams/manifest.js';
import { topicsByPopularity } from '../../src/replies/topic-menu.js';
import { LANGUAGE_PARAMETER, MAX_RESULTS, SEARCH_COMMAND_ID } from '../../src/teams/search-extension.js';
import { ChannelConversation } from '../support/channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpBot } from '../support/http-bot.js';

let bot: HttpBot;
let connector: FakeConnector;
beforeAll(async () => {
  [bot, connector] = await Promise.all([HttpBot.start(), FakeConnector.start()]);
});
afterAll(() => Promise.all([bot.stop(), connector.stop()]));

interface Search {
  query?: string;
  language?: string;
  locale?: string;
  skip?: number;
  count?: number;
  initialRun?: boolean;
  commandId?: string;
}

/** A composeExtension/query invoke as Teams sends it while an agent types in the compose box. */
async function search({ query = '', language, locale = 'en-US', skip = 0, count = 25, initialRun, commandId = SEARCH_COMMAND_ID }: Search) {
  const agent = new ChannelConversation(bot.url, connector, { channelId: 'msteams', conversationType: 'channel', locale });
  const parameters = initialRun
    ? [{ name: 'initialRun', value: 'true' }]
    : [{ name: 'query', value: query }, ...(language ? [{ name: LANGUAGE_PARAMETER, value: language }] : [])];
  const turn = await agent.invoke('composeExtension/query', { commandId, parameters, queryOptions: { skip, count } });
  return { status: turn.status, result: turn.body as MessagingExtensionResponse, posted: turn.activities };
}

const kb = () => bot.app.services.kb;
/** Which entry each result is, by its card title in the given language. */
function ids(result: MessagingExtensionResponse, language: (typeof LANGUAGES)[number]): string[] {
  return result.composeExtension!.attachments!.map((a) => {
    const title = (a.content as { body: Array<{ text: string }> }).body[0]!.text;
    const entry = [...kb().entries.values()].find((e) => e.text[language].title === title);
    return entry?.id ?? `(not a ${language} title: ${title})`;
  });
}

describe('compose-box search (Teams messaging extension)', () => {
  it('ranks "2fa" by the bot’s own understanding: the 2FA entry first, at most three entries', async () => {
    const { status, result } = await search({ query: '2fa' });
    expect(status).toBe(200);
    const found = ids(result, 'en');
    expect(found[0]).toBe('2fa-disable');
    expect(found.length).toBeLessThanOrEqual(MAX_RESULTS);
  });

  it('does not find the 2FA entry for "fattura" (invoice) because of a similar-looking word', async () => {
    const found = ids((await search({ query: 'fattura' })).result, 'it');
    expect(found).not.toContain('2fa-disable');
    expect(found[0]).toBe('billing-address');
  });

  it('shows the cards in the language of the search text: an agent on English Teams inserts an Italian card', async () => {
    expect(ids((await search({ query: 'indirizzo di fatturazione', locale: 'en-US' })).result, 'it')).toEqual(['billing-address']);
  });

  it('shows the cards in the language the agent picked, whatever the text’s', async () => {
    expect(ids((await search({ query: 'billing address', language: 'de', locale: 'en-US' })).result, 'de')[0]).toBe('billing-address');
  });

  it('falls back to the agent’s Teams language when the text has none ("2fa")', async () => {
    expect(ids((await search({ query: '2fa', locale: 'fr-FR' })).result, 'fr')[0]).toBe('2fa-disable');
  });

  it('answers the initial run with the most asked entries, not a search for the text "true"', async () => {
    const { result } = await search({ initialRun: true, locale: 'de-DE', count: 5 });
    expect(ids(result, 'de')).toEqual(topicsByPopularity(kb()).slice(0, 5).map((e) => e.id));
  });

  it('pages with skip and count', async () => {
    const pages = [];
    for (let skip = 0; skip < kb().entries.size + 4; skip += 4) pages.push(ids((await search({ initialRun: true, skip, count: 4 })).result, 'en'));
    expect(pages[0]).toHaveLength(4);
    expect(pages[1]).not.toEqual(pages[0]);
    expect(pages.flat()).toEqual(topicsByPopularity(kb()).map((e) => e.id));
    expect(pages.at(-1)).toEqual([]);
  });

  it('lists nothing for a text no entry answers', async () => {
    expect(ids((await search({ query: 'qual è la capitale della Mongolia' })).result, 'it')).toEqual([]);
  });

  it('refuses a command it does not have with 400, and posts nothing in the conversation', async () => {
    const { status, posted } = await search({ query: '2fa', commandId: 'somethingElse' });
    expect(status).toBe(400);
    expect(posted).toEqual([]);
  });

  it('inserts cards without buttons, with a preview for the result list', async () => {
    const [first] = (await search({ query: 'newsletter' })).result.composeExtension!.attachments!;
    expect(first!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(first!.content)).not.toContain('Action.Submit');
    expect(first!.preview?.contentType).toBe('application/vnd.microsoft.card.thumbnail');
  });

  it('declares the card-language picker in the manifest, in every language', async () => {
    const app = await loadTeamsApp('teams/app.yaml');
    const files = buildManifest(app, { appId: '00000000-0000-0000-0000-000000000000', botId: '00000000-0000-0000-0000-000000000000' });
    const command = (files['manifest.json'] as { composeExtensions: Array<{ commands: Array<{ parameters: Array<{ name: string; inputType: string; choices?: Array<{ value: string }> }> }> }> }).composeExtensions[0]!.commands[0]!;
    const picker = command.parameters.find((p) => p.name === LANGUAGE_PARAMETER)!;
    expect(picker.inputType).toBe('choiceset');
    expect(picker.choices!.map((c) => c.value)).toEqual([...LANGUAGES]);
    for (const language of LANGUAGES.filter((l) => l !== app.defaultLanguage)) {
      expect(files[`${language}.json`]!['composeExtensions[0].commands[0].parameters[1].title']).toBe(app.text[language].search.languageTitle);
    }
  });
});

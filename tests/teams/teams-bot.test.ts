import type { Activity, MessagingExtensionResponse } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { SEARCH_COMMAND_ID } from '../../src/teams/search-extension.js';
import { texts } from '../support/bot-harness.js';
import { startHttpBot } from '../support/http-bot.js';

let app: App;
let url: string;
beforeAll(async () => {
  ({ app, url } = await startHttpBot());
});
afterAll(() => app.stop());

const BOT = { id: '28:sportello-bot', name: 'Sportello' };

/** An activity as Teams posts it to /api/messages. */
async function postFromTeams(activity: Partial<Activity>): Promise<Response> {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/teams',
      from: { id: '29:agent', name: 'Agent', aadObjectId: 'agent-aad' },
      recipient: BOT,
      conversation: { id: `a:teams-${Math.random()}`, conversationType: 'personal' },
      ...activity,
    }),
  });
}

async function searchFromComposeBox(query: string, locale: string): Promise<MessagingExtensionResponse> {
  const response = await postFromTeams({
    type: 'invoke',
    name: 'composeExtension/query',
    locale,
    value: { commandId: SEARCH_COMMAND_ID, parameters: [{ name: 'query', value: query }], queryOptions: { skip: 0, count: 25 } },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as MessagingExtensionResponse;
}

const cardTitle = (attachment: { content?: unknown }) => (attachment.content as { body: Array<{ text: string }> }).body[0]!.text;

describe('the Teams messaging extension (compose-box search)', () => {
  it('answers a composeExtension/query invoke with knowledge cards in the agent’s language', async () => {
    const result = await searchFromComposeBox('deux facteurs', 'fr-FR');
    expect(result.composeExtension?.type).toBe('result');
    expect(result.composeExtension?.attachmentLayout).toBe('list');
    const [first] = result.composeExtension!.attachments!;
    expect(first!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardTitle(first!)).toBe(app.services.kb.get('2fa-disable')!.text.fr.title);
    expect(first!.preview?.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect((first!.preview!.content as { title: string }).title).toBe(app.services.kb.get('2fa-disable')!.text.fr.title);
  });

  it('finds an entry typed in Italian and shows it in the agent’s English', async () => {
    const result = await searchFromComposeBox('codice supporto', 'en-US');
    expect(cardTitle(result.composeExtension!.attachments![0]!)).toBe(app.services.kb.get('support-code')!.text.en.title);
  });

  it('lists every entry on the initial run, before the agent types', async () => {
    const result = await searchFromComposeBox('', 'de-DE');
    expect(result.composeExtension!.attachments!.map(cardTitle).sort()).toEqual([...app.services.kb.entries.values()].map((e) => e.text.de.title).sort());
  });

  it('inserts cards without buttons, since they land where the bot may not be', async () => {
    const result = await searchFromComposeBox('newsletter', 'it-IT');
    expect(JSON.stringify(result.composeExtension!.attachments![0]!.content)).not.toContain('Action.Submit');
  });
});

describe('Teams channels and group chats', () => {
  async function sayInChannel(text: string, mentioned: boolean): Promise<Activity[]> {
    const response = await postFromTeams({
      type: 'message',
      deliveryMode: 'expectReplies',
      locale: 'it-IT',
      conversation: { id: `19:channel-${Math.random()}@thread.tacv2`, conversationType: 'channel', isGroup: true } as Activity['conversation'],
      text: mentioned ? `<at>Sportello</at> ${text}` : text,
      entities: mentioned ? [{ type: 'mention', mentioned: BOT, text: '<at>Sportello</at>' }] : [],
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { activities: Activity[] }).activities.filter((a) => a.type === 'message');
  }

  it('stays silent in a channel when nobody mentions it', async () => {
    expect(await sayInChannel('dove trovo il codice supporto?', false)).toEqual([]);
  });

  it('answers in a channel when mentioned, reading the question without the mention', async () => {
    const replies = await sayInChannel('dove trovo il codice supporto?', true);
    expect(texts(replies)).toContain(app.services.kb.get('support-code')!.text.it.title);
    expect(replies[0]!.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });
});

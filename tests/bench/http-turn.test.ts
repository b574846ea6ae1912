import type autocannon from 'autocannon';
import { describe, expect, it } from 'vitest';
import { conversationRequests, serverKinds } from '../../bench/http-turn.js';
import type { LabelledMessage } from '../../src/evaluation/labelled-set.js';

const messages: LabelledMessage[] = [
  { expected: 'support-code', language: 'it', text: 'dove trovo il codice supporto?', source: 'a' },
  { expected: 'none', language: 'de', text: 'Wie wird das Wetter morgen?', source: 'b' },
];

type Setup = (request: autocannon.Request, context: { conversation?: string }) => autocannon.Request;

describe('the requests of the HTTP turn benchmark', () => {
  it('make each connection talk in conversations of a fixed length, with expectReplies', () => {
    const requests = conversationRequests(messages, 3);
    expect(requests).toHaveLength(3);
    const context: { conversation?: string } = {};
    const bodies = requests.map((r) => JSON.parse(String((r.setupRequest as Setup)(r, context).body)));
    expect(new Set(bodies.map((b) => b.conversation.id)).size).toBe(1);
    expect(bodies.map((b) => b.text)).toEqual([messages[0]!.text, messages[1]!.text, messages[0]!.text]);
    expect(bodies.map((b) => b.locale)).toEqual(['it', 'de', 'it']);
    for (const body of bodies) expect(body).toMatchObject({ type: 'message', deliveryMode: 'expectReplies' });

    const next = JSON.parse(String((requests[0]!.setupRequest as Setup)(requests[0]!, context).body));
    expect(next.conversation.id).not.toBe(bodies[0].conversation.id);
  });
});

describe('the servers a turn benchmark is asked for', () => {
  it('are read from the list in order, and one it does not know is named', () => {
    expect(serverKinds('floor,bot', 'tool')).toEqual(['floor', 'bot']);
    expect(() => serverKinds('floor,bots', 'tool')).toThrow('tool: unknown server bots (known: bot, bot-precomputed, floor, bare)');
  });
});

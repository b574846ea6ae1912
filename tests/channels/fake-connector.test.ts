import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeConnector } from '../support/fake-connector.js';

let connector: FakeConnector;
beforeAll(async () => {
  connector = await FakeConnector.start();
});
afterAll(() => connector.stop());

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${connector.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('the fake Bot Framework connector the channel tests deliver through', () => {
  it('answers each posted activity with an id and records where it went, thread ids decoded', async () => {
    const thread = '19:abc@thread.tacv2;messageid=123';
    const sent = await call('POST', `/v3/conversations/${encodeURIComponent(thread)}/activities`, { type: 'message', text: 'one' });
    const replied = await call('POST', `/v3/conversations/${encodeURIComponent(thread)}/activities/incoming-7`, { type: 'message', text: 'two' });
    expect(sent.status).toBe(200);
    const { id } = (await sent.json()) as { id: string };
    expect(id).toBeTruthy();
    expect(((await replied.json()) as { id: string }).id).not.toBe(id);
    expect(connector.messages(thread).map((a) => [a.text, a.postedReplyTo])).toEqual([['one', undefined], ['two', 'incoming-7']]);
  });

  it('records updates and created conversations (proactive messages)', async () => {
    await call('PUT', '/v3/conversations/c1/activities/a1', { type: 'message', text: 'edited' });
    const created = await call('POST', '/v3/conversations', { isGroup: false, members: [{ id: '29:x' }], activity: { type: 'message', text: 'hello' } });
    const { id } = (await created.json()) as { id: string };
    expect(connector.calls.map((c) => c.kind)).toEqual(expect.arrayContaining(['update', 'create']));
    expect(connector.activities('c1')[0]).toMatchObject({ id: 'a1', text: 'edited' });
    expect(connector.activities(id)[0]).toMatchObject({ text: 'hello' });
  });

  it('refuses the activities a failure rule matches, once, as the real connector’s 400 BadArgument', async () => {
    connector.fail({ status: 400, match: (a) => a.type === 'event' });
    const refused = await call('POST', '/v3/conversations/c2/activities', { type: 'event', name: 'handoff.initiate' });
    const again = await call('POST', '/v3/conversations/c2/activities', { type: 'event', name: 'handoff.initiate' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('BadArgument');
    expect(again.status).toBe(200);
    expect(connector.activities('c2')).toHaveLength(1);
  });

  it('resolves a wait once enough activities arrived', async () => {
    const waiting = connector.waitForActivities(2, (a) => a.postedTo === 'c3');
    await call('POST', '/v3/conversations/c3/activities', { type: 'message', text: 'a' });
    await call('POST', '/v3/conversations/c3/activities', { type: 'message', text: 'b' });
    expect((await waiting).map((a) => a.text)).toEqual(['a', 'b']);
  });

  it('answers 404 to routes it does not know', async () => {
    expect((await call('GET', '/v3/unknown')).status).toBe(404);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { Conversation, buttons, createTestBot, texts } from '../support/bot-harness.js';

let app: App;
beforeAll(async () => {
  app = await createTestBot();
});

describe('answers from the knowledge base', () => {
  it('answers an Italian question about the support code in Italian', async () => {
    const replies = await new Conversation(app).say('dove trovo il codice supporto?');
    expect(texts(replies)).toContain(app.services.kb.get('support-code')!.text.it.title);
  });
});

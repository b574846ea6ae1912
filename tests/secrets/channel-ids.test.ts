import { describe, expect, it } from 'vitest';
import { startHttpBot } from '../support/http-bot.js';
import { DirectLineClient } from '../support/directline-client.js';

describe('ids the channels generate', () => {
  it('are never read as secrets: a Luhn-valid client activity id brings no warning', async () => {
    const bot = await startHttpBot();
    try {
      const client = new DirectLineClient(bot.url);
      await client.start('en-US');
      await client.poll();
      // 4111 1111 1111 1111 passes the card checksum; Web Chat's ids are digits and letters like this.
      const id = await client.request('POST', `/conversations/${client.conversationId}/activities`, {
        type: 'message',
        text: 'Show me the article',
        from: { id: 'u' },
        locale: 'en-US',
        value: { sportello: { action: 'article', entry: 'support-code' } },
        channelData: { clientActivityID: '4111111111111111' },
      });
      expect(id.status).toBe(200);
      const replies = (await client.poll()).filter((a) => a.from?.role === 'bot');
      expect(replies).toHaveLength(1);
      expect(replies[0]!.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    } finally {
      await bot.app.stop();
    }
  });
});

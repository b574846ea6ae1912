import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HttpBot } from '../support/http-bot.js';

describe('OpenTelemetry traces of a turn', () => {
  it('sends each turn as a span to the OTLP/HTTP collector at OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const received: Array<{ url?: string; body: unknown }> = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ url: req.url, body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    collector.listen(0, '127.0.0.1');
    await once(collector, 'listening');
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const bot = await HttpBot.start({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
    try {
      await bot.say('otel-1', 'how do I stop getting your newsletters?', { locale: 'en-US' });
      await expect.poll(() => received.length).toBeGreaterThan(0);
      expect(received[0]!.url).toBe('/v1/traces');
      const text = JSON.stringify(received[0]!.body);
      expect(text).toContain('"name":"sportello.turn"');
      expect(text).toContain('{"key":"sportello.entry","value":{"stringValue":"newsletter"}}');
      expect(text).toContain('{"key":"service.name","value":{"stringValue":"sportello"}}');
      expect(text).not.toContain('stop getting');
    } finally {
      await bot.stop();
      collector.close();
    }
  });
});

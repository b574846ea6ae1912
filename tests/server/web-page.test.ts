import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { webChatBundlePath } from '../../src/server/webchat-bundle.js';
import { startHttpBot } from '../support/http-bot.js';

let app: App;
let url: string;
beforeAll(async () => {
  ({ app, url } = await startHttpBot());
});
afterAll(() => app.stop());

describe('the web widget’s files, served by the bot', () => {
  it('serves the page with scripts of its own origin only, under a Content-Security-Policy', async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const sources = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(['webchat.js', 'web/session.js', 'web/page-actions.js', 'web/app.js']);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('lets no other site frame the page unless WIDGET_ALLOWED_ORIGINS names it', async () => {
    const policy = (await fetch(`${url}/`)).headers.get('content-security-policy')!;
    expect(policy).toContain("frame-ancestors 'self';");
    const other = await startHttpBot({ WIDGET_ALLOWED_ORIGINS: 'https://help.example.com, https://www.example.org' });
    try {
      const allowed = (await fetch(`${other.url}/`)).headers.get('content-security-policy')!;
      expect(allowed).toContain("frame-ancestors 'self' https://help.example.com https://www.example.org;");
    } finally {
      await other.app.stop();
    }
    expect(() => loadConfig({ WIDGET_ALLOWED_ORIGINS: 'https://help.example.com/faq' })).toThrow(/WIDGET_ALLOWED_ORIGINS/);
  });

  it('answers HEAD / with 200, the page headers and no body', async () => {
    const response = await fetch(`${url}/`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toBe('');
  });

  it('serves Web Chat’s bundle from node_modules, gzipped, and answers 304 when unchanged', async () => {
    const bundle = await readFile(webChatBundlePath());
    const response = await fetch(`${url}/webchat.js`);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(Buffer.from(await response.arrayBuffer()).equals(bundle)).toBe(true);
    // fetch unzips by itself; the header shows what travelled.
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const again = await fetch(`${url}/webchat.js`, { headers: { 'if-none-match': response.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('gives the page its strings in the four languages and whether to use the WebSocket', async () => {
    const config = (await (await fetch(`${url}/web/config.json`)).json()) as { languages: string[]; webSocket: boolean; strings: Record<string, Record<string, string>> };
    expect(config.languages).toEqual(['it', 'en', 'fr', 'de']);
    expect(config.webSocket).toBe(true);
    expect(config.strings.fr!.languageName).toBe('Français');
    expect(config).toHaveProperty('privacyUrl', null);
  });

  it('serves embed.js with the launcher’s strings filled in', async () => {
    const script = await (await fetch(`${url}/embed.js`)).text();
    expect(script).not.toContain('__SPORTELLO_');
    expect(script).toContain(JSON.stringify((app.services.t('de', 'web.open'))));
  });

  it('gives the page no token when the endpoint is open (no DIRECTLINE_SECRET)', async () => {
    const response = await fetch(`${url}/api/webchat/token`, { method: 'POST' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({});
  });
});

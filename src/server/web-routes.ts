import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { LANGUAGES, type Language } from '../content/languages.js';
import { readStatic, serveFile, serveLazily } from './static-files.js';
import { webChatBundlePath } from './webchat-bundle.js';

/** The page, its script and the embed script: code of ours, so found next to the code. */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

export interface WebRouteParts {
  /** Each language's page strings (locales/<lang>/bot.yaml, key `web`). */
  strings: Record<Language, unknown>;
  defaultLanguage: Language;
  /** Whether the page should ask for the WebSocket stream (else it polls). */
  webSocket: boolean;
  /** Origins allowed to frame the page (WIDGET_ALLOWED_ORIGINS); `*` for any. */
  frameAncestors: readonly string[];
  /** The privacy notice the page links to (PRIVACY_URL). */
  privacyUrl?: string;
  /** Exchanges the Direct Line secret for a token to one new conversation; undefined when the endpoint is open. */
  issueToken(): { token: string; conversationId: string; expires_in: number } | undefined;
}

/**
 * The page allows only its own scripts and connections; Web Chat styles itself with inline
 * styles. Only the sites in WIDGET_ALLOWED_ORIGINS may frame it (the embed), besides the bot's
 * own pages: any other site could overlay it and trick visitors into clicks.
 */
export function pagePolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    `frame-ancestors ${frameAncestors.includes('*') ? '*' : ["'self'", ...frameAncestors].join(' ')}`,
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The web widget: GET / (the chat page), /web/* (its script, style and config), /webchat.js
 * (Web Chat's bundle from node_modules, never a CDN), /embed.js (the one-tag embed), and
 * POST /api/webchat/token (the page's token, exchanged server-side so the secret never
 * reaches a browser).
 */
export async function webRoutes(parts: WebRouteParts): Promise<(server: Server) => void> {
  const page = (name: string) => path.join(WEB_DIR, name);
  const fresh = { cacheControl: 'no-cache' };
  const config = {
    languages: LANGUAGES,
    defaultLanguage: parts.defaultLanguage,
    webSocket: parts.webSocket,
    privacyUrl: parts.privacyUrl ?? null,
    strings: parts.strings,
  };
  const embedTemplate = await readFile(page('embed.js'), 'utf8');
  const embed = embedTemplate
    .replace('__SPORTELLO_STRINGS__', JSON.stringify(parts.strings))
    .replace('__SPORTELLO_DEFAULT_LANGUAGE__', JSON.stringify(parts.defaultLanguage));

  const webChatBundle = webChatBundlePath();
  const handlers = {
    index: await serveFile(await readStatic(page('index.html'), { ...fresh, headers: { 'Content-Security-Policy': pagePolicy(parts.frameAncestors) } })),
    script: await serveFile(await readStatic(page('app.js'), fresh)),
    session: await serveFile(await readStatic(page('session.js'), fresh)),
    actions: await serveFile(await readStatic(page('page-actions.js'), fresh)),
    style: await serveFile(await readStatic(page('app.css'), fresh)),
    icon: await serveFile(await readStatic(page('icon.svg'), { cacheControl: 'public, max-age=86400' })),
    config: await serveFile({ contentType: 'application/json; charset=utf-8', ...fresh, body: Buffer.from(JSON.stringify(config)) }),
    embed: await serveFile({ contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=300', body: Buffer.from(embed) }),
    // Revalidated on every load (a 304 when unchanged), so an upgraded Web Chat is never served
    // stale. Found at start (a missing bundle fails loud), read on the widget's first load.
    webChat: serveLazily(() => readStatic(webChatBundle, fresh)),
  };

  return (server: Server) => {
    server.get('/', handlers.index);
    // Uptime checks and link previews ask with HEAD: the same headers, no body.
    server.head('/', handlers.index);
    server.get('/web/app.js', handlers.script);
    server.get('/web/session.js', handlers.session);
    server.get('/web/page-actions.js', handlers.actions);
    server.get('/web/app.css', handlers.style);
    server.get('/web/icon.svg', handlers.icon);
    server.get('/web/config.json', handlers.config);
    server.get('/webchat.js', handlers.webChat);
    server.get('/embed.js', handlers.embed);
    server.post('/api/webchat/token', async (_req: Request, res: Response) => {
      res.setHeader('Cache-Control', 'no-store');
      res.send(200, parts.issueToken() ?? {});
    });
  };
}

import { createRequire } from 'node:module';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { isLanguage, languageOf, type Language } from '../content/languages.js';
import type { Translate } from '../i18n/i18n.js';
import type { EventStore } from '../insights/event-store.js';
import { buildReport, reportCsv } from '../insights/report.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { Logger } from '../logging.js';
import { readStatic, serveFile } from '../server/static-files.js';
import { WEB_DIR } from '../server/web-routes.js';
import type { TreeCatalog } from '../trees/model.js';
import { AdminAuth, clearedCookie } from './auth.js';
import { dashboardPage, PERIODS, signInPage, type PageView } from './page.js';

export interface AdminParts {
  /** ADMIN_TOKEN; without it nothing is mounted and /admin is a 404. */
  token?: string;
  store(): Promise<EventStore | undefined>;
  /** Events recorded but not yet written: written before a page is built, so it is up to date. */
  flush(): Promise<void>;
  t: Translate;
  kb: KnowledgeBase;
  trees: TreeCatalog;
  defaultLanguage: Language;
  logger: Logger;
}

const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** chart.js's UMD build, from node_modules: the bot serves it itself, no CDN. */
function chartBundlePath(): string {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  return path.join(path.dirname(entry), 'chart.umd.min.js');
}

/**
 * The support team's dashboard: GET /admin (the page, or the sign-in form), POST /admin/login
 * and /admin/logout, GET /admin/export.csv, and the page's script, style and chart library.
 */
export async function adminRoutes(parts: AdminParts): Promise<(server: Server) => void> {
  const { token } = parts;
  if (!token) return () => {};
  const auth = new AdminAuth(token);
  const assets = {
    script: await serveFile(await readStatic(path.join(WEB_DIR, 'admin', 'admin.js'), { cacheControl: 'no-cache' })),
    style: await serveFile(await readStatic(path.join(WEB_DIR, 'admin', 'admin.css'), { cacheControl: 'no-cache' })),
    chart: await serveFile(await readStatic(chartBundlePath(), { cacheControl: 'no-cache' })),
  };

  const viewOf = (req: Request): PageView => {
    const query = new URL(req.url ?? '/', 'http://admin').searchParams;
    const asked = query.get('lang');
    const accepted = (req.header('accept-language') ?? '').split(',').map((l) => languageOf(l.trim())).find(Boolean);
    const language = isLanguage(asked) ? asked : (accepted ?? parts.defaultLanguage);
    const days = Number(query.get('days'));
    const filter = query.get('language');
    return { language, days: (PERIODS as readonly number[]).includes(days) ? days : 30, ...(isLanguage(filter) ? { filter } : {}) };
  };
  const page = (res: Response, status: number, html: string) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', PAGE_POLICY);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.sendRaw(status, html);
  };
  const report = async (view: PageView) => {
    await parts.flush();
    const store = await parts.store();
    return store ? buildReport(store, { days: view.days, ...(view.filter ? { language: view.filter } : {}) }) : undefined;
  };

  return (server: Server) => {
    server.get('/admin/assets/admin.js', assets.script);
    server.get('/admin/assets/admin.css', assets.style);
    server.get('/admin/assets/chart.umd.min.js', assets.chart);

    server.get('/admin', async (req: Request, res: Response) => {
      const view = viewOf(req);
      if (!auth.allows(req)) return page(res, 401, signInPage(view, parts.t, false));
      const data = await report(view);
      if (!data) return page(res, 503, parts.t(view.language, 'error.turn'));
      page(res, 200, dashboardPage(data, view, parts.t, parts.kb, parts.trees));
    });

    server.post('/admin/login', async (req: Request, res: Response) => {
      const view = viewOf(req);
      const body = req.body as { token?: unknown } | undefined;
      const candidate = typeof body?.token === 'string' ? body.token : '';
      if (!auth.isToken(candidate)) {
        parts.logger.warn({ url: '/admin/login' }, 'admin: wrong token');
        return page(res, 401, signInPage(view, parts.t, true));
      }
      res.setHeader('Set-Cookie', auth.sessionCookie());
      res.setHeader('Location', `/admin?lang=${view.language}`);
      res.setHeader('Cache-Control', 'no-store');
      res.sendRaw(303, '');
    });

    server.post('/admin/logout', async (req: Request, res: Response) => {
      res.setHeader('Set-Cookie', clearedCookie);
      res.setHeader('Location', `/admin?lang=${viewOf(req).language}`);
      res.sendRaw(303, '');
    });

    server.get('/admin/export.csv', async (req: Request, res: Response) => {
      if (!auth.allows(req)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        res.send(401, { error: 'unauthorized' });
        return;
      }
      const view = viewOf(req);
      const data = await report(view);
      if (!data) {
        res.send(503, { error: 'events database unavailable' });
        return;
      }
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="sportello-${data.from}-${data.to}${view.filter ? `-${view.filter}` : ''}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      res.sendRaw(200, reportCsv(data));
    });
  };
}

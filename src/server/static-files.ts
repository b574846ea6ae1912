import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response } from 'restify';

const gzipAsync = promisify(gzip);

/** One file served from memory: read and compressed once, revalidated by ETag. */
export interface StaticFile {
  contentType: string;
  /** `no-cache` for pages that change with the bot; a max-age for vendored bundles. */
  cacheControl: string;
  /** Extra headers (the page's Content-Security-Policy). */
  headers?: Record<string, string>;
  body: Buffer;
}

interface Prepared extends StaticFile {
  etag: string;
  gzipped: Buffer;
}

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export async function readStatic(file: string, options: Omit<StaticFile, 'body' | 'contentType'> & { contentType?: string }): Promise<StaticFile> {
  const extension = file.slice(file.lastIndexOf('.'));
  const contentType = options.contentType ?? CONTENT_TYPES[extension];
  if (!contentType) throw new Error(`${file}: no content type known for "${extension}"`);
  return { ...options, contentType, body: await readFile(file) };
}

/**
 * A restify handler for a file kept in memory. Web Chat's bundle is about 4 MB: gzip brings
 * it near 1 MB, and the ETag lets browsers keep it.
 */
export async function serveFile(file: StaticFile): Promise<(req: Request, res: Response) => Promise<void>> {
  const prepared: Prepared = {
    ...file,
    etag: `"${createHash('sha256').update(file.body).digest('base64url').slice(0, 27)}"`,
    gzipped: await gzipAsync(file.body),
  };
  return async (req: Request, res: Response) => {
    res.setHeader('ETag', prepared.etag);
    res.setHeader('Cache-Control', prepared.cacheControl);
    res.setHeader('Vary', 'Accept-Encoding');
    for (const [name, value] of Object.entries(prepared.headers ?? {})) res.setHeader(name, value);
    if (req.header('if-none-match') === prepared.etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const gzipOk = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
    const body = gzipOk ? prepared.gzipped : prepared.body;
    res.writeHead(200, {
      'Content-Type': prepared.contentType,
      'Content-Length': body.length,
      ...(gzipOk ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/**
 * serveFile for a large file that few requests need (Web Chat's bundle, about 4 MB, that only
 * the widget loads): read and compressed on its first request rather than at start, so a bot
 * that serves Teams alone neither waits for it nor keeps it. A failed read is tried again.
 */
export function serveLazily(load: () => Promise<StaticFile>): (req: Request, res: Response) => Promise<void> {
  let ready: Promise<(req: Request, res: Response) => Promise<void>> | undefined;
  return async (req, res) => {
    ready ??= load().then(serveFile);
    const serve = await ready.catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return serve(req, res);
  };
}

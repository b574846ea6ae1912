import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request, Response } from 'restify';
import { afterEach, describe, expect, it } from 'vitest';
import { serveLazily, type StaticFile } from '../../src/server/static-files.js';

const servers: Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve)))));

/** A plain HTTP server whose requests go to a restify-shaped handler (header() is all it reads). */
async function serving(handler: (req: Request, res: Response) => Promise<void>): Promise<string> {
  const server = createServer((req, res) => {
    const request = Object.assign(req, { header: (name: string) => req.headers[name.toLowerCase()] as string | undefined });
    handler(request as unknown as Request, res as unknown as Response).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('a large file served lazily', () => {
  it('is read on its first request only, and served to every request after it', async () => {
    let reads = 0;
    const url = await serving(
      serveLazily(async () => {
        reads++;
        return { contentType: 'text/javascript; charset=utf-8', cacheControl: 'no-cache', body: Buffer.from('console.log(1);') } satisfies StaticFile;
      }),
    );
    expect(reads).toBe(0);
    const answers = await Promise.all([fetch(url), fetch(url), fetch(url)]);
    expect(await Promise.all(answers.map((a) => a.text()))).toEqual(['console.log(1);', 'console.log(1);', 'console.log(1);']);
    expect(reads).toBe(1);
    const again = await fetch(url, { headers: { 'if-none-match': answers[0]!.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('tries again after a read that failed', async () => {
    let reads = 0;
    const url = await serving(
      serveLazily(async () => {
        if (++reads === 1) throw new Error('not there yet');
        return { contentType: 'text/css; charset=utf-8', cacheControl: 'no-cache', body: Buffer.from('body{}') };
      }),
    );
    expect((await fetch(url)).status).toBe(500);
    const second = await fetch(url);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe('body{}');
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';

export const SESSION_COOKIE = 'sportello_admin';
// A sign-in lasts a working day.
export const SESSION_SECONDS = 8 * 3600;

/**
 * Who may see the dashboard: a request with `Authorization: Bearer <ADMIN_TOKEN>`, or with the
 * session cookie the sign-in form sets. The cookie holds a keyed hash of the token and the time
 * it expires, never the token itself.
 */
export class AdminAuth {
  constructor(
    private readonly token: string,
    private readonly clock: () => number = Date.now,
  ) {}

  allows(req: Request): boolean {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1]?.trim();
    if (bearer !== undefined) return this.isToken(bearer);
    const session = cookies(req.header('cookie') ?? '')[SESSION_COOKIE];
    return session !== undefined && this.isSession(session);
  }

  isToken(candidate: string): boolean {
    return same(candidate, this.token);
  }

  /** A session value for the cookie: its expiry and a signature of it keyed by the token. */
  session(): string {
    const expires = Math.floor(this.clock() / 1000) + SESSION_SECONDS;
    return `${expires}.${this.sign(String(expires))}`;
  }

  /** The Set-Cookie header of a new session: HttpOnly, Secure, SameSite=Strict, for /admin only. */
  sessionCookie(): string {
    return `${SESSION_COOKIE}=${this.session()}; Path=/admin; Max-Age=${SESSION_SECONDS}; HttpOnly; Secure; SameSite=Strict`;
  }

  private isSession(value: string): boolean {
    const [expires, signature] = value.split('.');
    if (!expires || !signature || !/^\d+$/.test(expires)) return false;
    return Number(expires) * 1000 > this.clock() && same(signature, this.sign(expires));
  }

  private sign(text: string): string {
    return createHmac('sha256', this.token).update(`sportello-admin:${text}`).digest('base64url');
  }
}

export const clearedCookie = `${SESSION_COOKIE}=; Path=/admin; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookies(header: string): Record<string, string> {
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim().split('='))
      .filter((kv): kv is [string, string] => kv.length === 2 && kv[0] !== '')
      .map(([k, v]) => [k, decodeURIComponent(v)]),
  );
}

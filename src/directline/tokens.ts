import { createHash, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** Direct Line tokens live 30 minutes; Web Chat refreshes them every 15. */
export const TOKEN_LIFETIME_SECONDS = 30 * 60;

const ISSUER = 'sportello-directline';

export interface TokenClaims {
  /** The one conversation the token opens. */
  conversationId: string;
  /** The user the token speaks for (Web Chat reads it from the `user` claim). */
  userId: string;
}

export interface IssuedToken extends TokenClaims {
  token: string;
  expires_in: number;
}

/** What a request's credentials allow. */
export type Access =
  | { kind: 'open' }
  | { kind: 'secret' }
  | ({ kind: 'token' } & TokenClaims)
  | { kind: 'denied'; status: 401 | 403; reason: string };

/**
 * Direct Line credentials: the secret opens every conversation and is for servers only;
 * tokens, signed with a key derived from the secret, open one conversation for 30 minutes.
 * Without a secret the endpoint is open, for development on localhost.
 */
export class DirectLineAuth {
  private readonly key?: Buffer;
  private readonly secretDigest?: Buffer;

  constructor(private readonly secret: string | undefined) {
    if (secret) {
      // A key of its own, so a token never reveals anything usable as the secret itself.
      this.key = createHash('sha256').update(`directline-token-key:${secret}`).digest();
      this.secretDigest = createHash('sha256').update(secret).digest();
    }
  }

  get open(): boolean {
    return this.secret === undefined;
  }

  issue(claims: TokenClaims): IssuedToken {
    if (!this.key) throw new Error('Direct Line tokens need DIRECTLINE_SECRET');
    const token = jwt.sign({ conv: claims.conversationId, user: claims.userId }, this.key, {
      algorithm: 'HS256',
      expiresIn: TOKEN_LIFETIME_SECONDS,
      issuer: ISSUER,
    });
    return { ...claims, token, expires_in: TOKEN_LIFETIME_SECONDS };
  }

  /** Reads an `Authorization: Bearer …` header (or a bare token from a stream URL). */
  check(credential: string | undefined): Access {
    if (this.open) return { kind: 'open' };
    const presented = credential?.replace(/^Bearer\s+/i, '').trim();
    if (!presented || presented === 'undefined') return { kind: 'denied', status: 401, reason: 'missing Authorization: Bearer <secret or token>' };
    if (this.isSecret(presented)) return { kind: 'secret' };
    try {
      const payload = jwt.verify(presented, this.key!, { algorithms: ['HS256'], issuer: ISSUER }) as { conv?: unknown; user?: unknown };
      if (typeof payload.conv !== 'string' || typeof payload.user !== 'string') throw new Error('claims missing');
      return { kind: 'token', conversationId: payload.conv, userId: payload.user };
    } catch (error) {
      // 403 is what Direct Line answers for an expired token: Web Chat then refreshes or reconnects.
      return { kind: 'denied', status: 403, reason: `token rejected (${(error as Error).message})` };
    }
  }

  private isSecret(presented: string): boolean {
    const digest = createHash('sha256').update(presented).digest();
    return timingSafeEqual(digest, this.secretDigest!);
  }
}

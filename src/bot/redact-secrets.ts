import type { Middleware, TurnContext } from '../sdk/turn.js';
import type { SecretKind } from '../secrets/finding.js';
import { REDACTED_FIELDS, type RedactActivity } from '../secrets/redact-activity.js';

const FOUND = Symbol('sportello.secretsFound');

/**
 * Hides passwords, access codes, keys, card numbers and IBANs in what the customer sent, in
 * every field that carries text, before any other part of the turn sees it. It must be the
 * first middleware: the transcript, the logs and the conversation state only ever get the
 * redacted activity.
 */
export class RedactSecrets implements Middleware {
  constructor(private readonly redact: RedactActivity) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity, kinds } = this.redact(context.activity);
    // In place: the turn context's activity is the one everything after this reads.
    for (const field of REDACTED_FIELDS) if (activity[field] !== undefined) Object.assign(context.activity, { [field]: activity[field] });
    context.turnState.set(FOUND, kinds);
    await next();
  }
}

/** The kinds of secret hidden from this turn's activity; empty when there were none. */
export function secretsFound(context: TurnContext): ReadonlySet<SecretKind> {
  return (context.turnState.get(FOUND) as Set<SecretKind> | undefined) ?? new Set();
}

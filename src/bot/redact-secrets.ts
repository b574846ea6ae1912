import type { Middleware, TurnContext } from 'botbuilder';
import type { SecretDetector, SecretKind } from '../secrets/detect.js';
import { redactText, redactValue } from '../secrets/redact.js';

const FOUND = Symbol('sportello.secretsFound');

/**
 * Hides passwords, access codes, card numbers and IBANs in what the customer sent, before any
 * other part of the turn sees it. It must be the first middleware: the transcript, the logs and
 * the conversation state only ever get the redacted activity.
 */
export class RedactSecrets implements Middleware {
  constructor(private readonly detect: SecretDetector) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    const kinds = new Set<SecretKind>();
    if (typeof activity.text === 'string') {
      const text = redactText(activity.text, this.detect);
      activity.text = text.value;
      text.kinds.forEach((k) => kinds.add(k));
    }
    if (activity.value !== undefined) activity.value = redactValue(activity.value, this.detect, kinds).value;
    context.turnState.set(FOUND, kinds);
    await next();
  }
}

/** The kinds of secret hidden from this turn's activity; empty when there were none. */
export function secretsFound(context: TurnContext): ReadonlySet<SecretKind> {
  return (context.turnState.get(FOUND) as Set<SecretKind> | undefined) ?? new Set();
}

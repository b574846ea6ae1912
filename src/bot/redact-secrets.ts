import type { Activity, Middleware, TurnContext } from 'botbuilder';
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
    const { activity, kinds } = redactActivity(context.activity, this.detect);
    // In place: the turn context's activity is the one everything after this reads.
    if (activity.text !== undefined) context.activity.text = activity.text;
    if (activity.value !== undefined) context.activity.value = activity.value;
    context.turnState.set(FOUND, kinds);
    await next();
  }
}

/** A copy of the activity with the secrets in its text and value masked, and the kinds found. */
export function redactActivity<T extends Partial<Activity>>(activity: T, detect: SecretDetector): { activity: T; kinds: Set<SecretKind> } {
  const kinds = new Set<SecretKind>();
  const copy = { ...activity };
  if (typeof activity.text === 'string') {
    const text = redactText(activity.text, detect);
    copy.text = text.value;
    text.kinds.forEach((k) => kinds.add(k));
  }
  if (activity.value !== undefined) copy.value = redactValue(activity.value, detect, kinds).value;
  return { activity: copy, kinds };
}

/** The kinds of secret hidden from this turn's activity; empty when there were none. */
export function secretsFound(context: TurnContext): ReadonlySet<SecretKind> {
  return (context.turnState.get(FOUND) as Set<SecretKind> | undefined) ?? new Set();
}

import type { Activity, Attachment } from '../sdk/activity.js';
import type { Language } from '../content/languages.js';
import type { SecretDetector } from './detect.js';
import type { Finding, SecretKind } from './finding.js';
import { applyMasks, mapStrings, type Masks } from './redact.js';
import { scrubLiterals, secretLiterals } from './literals.js';
import { everyMask } from './masks.js';
import { masksPattern } from './text-view.js';

export interface ActivityRedaction {
  detect: SecretDetector;
  masks: Record<Language, Masks>;
  /** The customer's language, from the message with its secrets cut out and the channel's locale. */
  language: (text: string, locale: string | undefined) => Language;
}

/** Fields holding one text each. */
const TEXT_FIELDS = ['text', 'summary', 'speak'] as const;
/** Fields holding JSON: every string inside is read (a card's submitted form, Teams' channel data…). */
const JSON_FIELDS = ['value', 'channelData', 'entities', 'suggestedActions'] as const;
/** Every field redaction may change, for whoever copies the result back onto an activity. */
export const REDACTED_FIELDS = [...TEXT_FIELDS, ...JSON_FIELDS, 'attachments'] as const;

/**
 * HTML read as text with the same offsets: tags and non-breaking spaces become spaces, so that
 * "<p>password:</p><p>x</p>" reads "password:" then "x" and a finding's span fits the HTML.
 */
const asText = (html: string) =>
  html.replace(/<[^<>]{0,2000}>/g, (tag) => ' '.repeat(tag.length)).replace(/&nbsp;|&#160;/g, (space) => ' '.repeat(space.length));

export type RedactActivity = <T extends Partial<Activity>>(activity: T) => { activity: T; kinds: Set<SecretKind> };

/**
 * Masks the secrets in every text an activity carries: its text, summary and speech, its value,
 * channel data, entities and suggested actions, and its attachments (Teams sends each message
 * again as text/html). Masks are in the customer's language. Then every secret found anywhere
 * is hidden wherever else its exact text appears, so a copy that reads differently (HTML,
 * JSON) cannot keep what the text lost.
 */
export function createActivityRedactor(options: ActivityRedaction): RedactActivity {
  // What the literal pass must leave alone: the masks it or the first pass put in.
  const maskPattern = masksPattern(everyMask(options.masks));
  return <T extends Partial<Activity>>(activity: T) => {
    const cache = new Map<string, Finding[]>();
    const detect = (text: string, html: boolean) => {
      const key = html ? `html:${text}` : text;
      if (!cache.has(key)) cache.set(key, options.detect(html ? asText(text) : text));
      return cache.get(key)!;
    };
    // The customer's language only matters once there is something to mask: most messages
    // hold no secret, and reading the language costs as much as the detection itself.
    let masks: Masks | undefined;
    const masksOfTurn = () => {
      const text = typeof activity.text === 'string' ? activity.text : '';
      masks ??= options.masks[options.language(applyMasks(text, detect(text, false), blank), activity.locale)];
      return masks;
    };

    const found: Finding[] = [];
    const sources: string[] = [];
    const mask = (value: string, html = false) => {
      const findings = detect(value, html);
      if (findings.length === 0) return value;
      for (const f of findings) {
        found.push(f);
        sources.push(value.slice(f.start, f.end));
      }
      return applyMasks(value, findings, masksOfTurn());
    };
    const copy = { ...activity };
    rewrite(copy, activity, mask);
    const kinds = new Set(found.map((f) => f.kind));
    if (found.length > 0) {
      const literals = secretLiterals(sources, found.map((f) => f.kind));
      const scrub = (value: string) => scrubLiterals(value, literals, masksOfTurn(), maskPattern);
      rewrite(copy, copy, (value) => scrub(value));
    }
    return { activity: copy, kinds };
  };
}

/**
 * Keys whose values the channels generate, not the customer: Web Chat's clientActivityID,
 * Teams' tenant and AAD ids, mention and entity ids. Random digits in them can pass a card
 * number's checksum, so reading them would warn about secrets nobody typed.
 */
const isIdentifier = (key: string) => /^(id|clientActivityID|tenant|aadObjectId|.*Id)$/.test(key);

const blank: Masks = { password: '', code: '', card: '', iban: '', key: '' };

/** Writes onto `target` every text-bearing field of `source`, each string passed through `change`. */
function rewrite<T extends Partial<Activity>>(target: T, source: T, change: (text: string, html?: boolean) => string): void {
  for (const field of TEXT_FIELDS) {
    const value = source[field];
    if (typeof value === 'string') target[field] = change(value, field === 'text' && source.textFormat === 'xml');
  }
  for (const field of JSON_FIELDS) {
    if (source[field] !== undefined) (target as Partial<Activity>)[field] = mapStrings(source[field], (s) => change(s), 0, isIdentifier) as never;
  }
  if (Array.isArray(source.attachments)) target.attachments = source.attachments.map((a) => attachment(a, change));
}

/** An attachment's name and content; HTML content read as HTML. Its URL is left alone (a link, not a text). */
function attachment(a: Attachment, change: (text: string, html?: boolean) => string): Attachment {
  const html = a.contentType === 'text/html' && typeof a.content === 'string';
  return {
    ...a,
    ...(typeof a.name === 'string' ? { name: change(a.name) } : {}),
    ...(a.content !== undefined ? { content: html ? change(a.content as string, true) : mapStrings(a.content, (s) => change(s)) } : {}),
  };
}

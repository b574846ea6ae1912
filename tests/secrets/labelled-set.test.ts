import { readFileSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { LANGUAGES } from '../../src/content/languages.js';
import { loadRedaction, type Redaction } from './redaction.js';

// tests/secrets/pastes.yaml: realistic pastes with the secrets that must go, and harmless messages.
const item = { lang: z.enum(LANGUAGES), text: z.string().min(1) };
const set = z.strictObject({
  version: z.literal(1),
  pastes: z.array(z.strictObject({ ...item, secrets: z.array(z.string().min(1)).min(1) })),
  harmless: z.array(z.strictObject(item)),
});
const { pastes, harmless } = set.parse(parse(readFileSync('tests/secrets/pastes.yaml', 'utf8')));

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A message as Teams delivers it: the text, its HTML copy as an attachment, the channel's data. */
function teamsMessage(text: string, lang: string): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'msteams',
    locale: `${lang}-CH`,
    text,
    textFormat: 'plain',
    attachments: [{ contentType: 'text/html', content: `<p>${text.split('\n').map(escapeHtml).join('<br>')}</p>` }],
    entities: [{ type: 'clientInfo', locale: `${lang}-CH`, country: 'CH', platform: 'Web', timezone: 'Europe/Zurich' }],
    channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, clientActivityID: '1733011200000k3x9a2b5c' },
  };
}

/** Every string in a JSON-like value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The secrets (as typed, or as HTML escapes them) still readable somewhere in the activity. */
function leaks(activity: Partial<Activity>, secrets: string[]): string[] {
  const texts = strings(activity);
  return secrets.filter((secret) => texts.some((t) => t.includes(secret) || t.includes(escapeHtml(secret))));
}

const share = (part: number, whole: number) => `${part}/${whole} (${((100 * part) / whole).toFixed(1)}%)`;

describe('the labelled set of pastes and harmless messages', () => {
  let redaction: Redaction;
  beforeAll(async () => {
    redaction = await loadRedaction();
  });

  it('has at least 60 pastes and 40 harmless messages, in all four languages', () => {
    expect(pastes.length).toBeGreaterThanOrEqual(60);
    expect(harmless.length).toBeGreaterThanOrEqual(40);
    for (const lang of LANGUAGES) {
      expect(pastes.filter((p) => p.lang === lang).length, lang).toBeGreaterThanOrEqual(15);
      expect(harmless.filter((h) => h.lang === lang).length, lang).toBeGreaterThanOrEqual(10);
    }
    // A secret that is not in its paste would count as masked for nothing.
    for (const paste of pastes) for (const secret of paste.secrets) expect(paste.text, secret).toContain(secret);
  });

  it('masks at least 95% of the pastes: no secret left in the text, the HTML copy or anywhere else', () => {
    const missed = pastes.filter((p) => leaks(redaction.redactActivity(teamsMessage(p.text, p.lang)).activity, p.secrets).length > 0);
    console.log(`pastes masked: ${share(pastes.length - missed.length, pastes.length)}`);
    for (const paste of missed) console.log(`  missed (${paste.lang}): ${paste.text.split('\n')[0]}`);
    expect((pastes.length - missed.length) / pastes.length).toBeGreaterThanOrEqual(0.95);
  });

  it('touches at most 5% of the harmless messages', () => {
    const touched = harmless.filter((h) => {
      const message = teamsMessage(h.text, h.lang);
      return JSON.stringify(redaction.redactActivity(message).activity) !== JSON.stringify(message);
    });
    console.log(`harmless messages touched: ${share(touched.length, harmless.length)}`);
    for (const message of touched) console.log(`  touched (${message.lang}): ${message.text}`);
    expect(touched.length / harmless.length).toBeLessThanOrEqual(0.05);
  });
});

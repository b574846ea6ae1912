import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { createActivityRedactor } from '../../src/secrets/redact-activity.js';
import { loadRedaction, type Redaction } from './redaction.js';

const PASSWORD = 'Tr0ub4dor&3xyz';
let redaction: Redaction;
beforeAll(async () => {
  redaction = await loadRedaction();
});

describe('an activity is masked in every field that carries text', () => {
  it('masks text, summary, speak, value, channel data, entities, suggested actions and attachments', () => {
    const secret = `password: ${PASSWORD}`;
    const activity: Partial<Activity> = {
      type: 'message',
      locale: 'en-US',
      text: secret,
      summary: secret,
      speak: secret,
      value: { form: { note: secret, nested: [{ deeper: secret }] } },
      channelData: { postBack: true, note: secret },
      entities: [{ type: 'note', text: secret }],
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'send', value: secret }] },
      attachments: [
        { contentType: 'text/html', content: `<p>password:</p><p>${PASSWORD.replace('&', '&amp;')}</p>` },
        { contentType: 'application/vnd.microsoft.card.adaptive', content: { body: [{ type: 'TextBlock', text: secret }] } },
      ],
    };
    const { activity: redacted, kinds } = redaction.redactActivity(activity);
    expect(JSON.stringify(redacted)).not.toContain('Tr0ub4dor');
    expect(redacted.text).toBe(`password: ${redaction.masks.en.password}`);
    expect([...kinds]).toEqual(['password']);
    // The original is left as it was: the redactor returns a copy.
    expect(activity.text).toBe(secret);
  });

  it('writes the masks in the language of the customer', () => {
    const mask = (locale: string, text: string) => redaction.redactActivity({ type: 'message', locale, text }).activity.text;
    expect(mask('it-IT', `la mia password è ${PASSWORD}`)).toBe(`la mia password è ${redaction.masks.it.password}`);
    expect(mask('fr-FR', `mon mot de passe est ${PASSWORD}`)).toBe(`mon mot de passe est ${redaction.masks.fr.password}`);
    expect(mask('de-DE', `Mein Passwort ist ${PASSWORD}`)).toBe(`Mein Passwort ist ${redaction.masks.de.password}`);
    expect(new Set(['it', 'en', 'fr', 'de'].map((l) => redaction.masks[l as 'it'].key)).size).toBe(4);
  });

  it('hides a secret found in the text wherever else it appears, even where nothing announces it', () => {
    const { activity } = redaction.redactActivity({
      type: 'message',
      locale: 'en-US',
      text: `hunter2 is my password`,
      attachments: [{ contentType: 'text/html', content: '<div><b>hunter2</b> is my <i>password</i></div>' }],
      channelData: { draft: 'hunter2' },
    });
    expect(JSON.stringify(activity)).not.toContain('hunter2');
  });

  it('leaves the ids channels need alone: tenant, client activity id, mention ids', () => {
    const activity: Partial<Activity> = {
      type: 'message',
      locale: 'en-US',
      text: '<at>Sportello</at> where is my support code?',
      entities: [{ type: 'mention', text: '<at>Sportello</at>', mentioned: { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'Sportello' } }],
      channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, clientActivityID: '1733011200000k3x9a2b5c' },
    };
    expect(redaction.redactActivity(activity)).toEqual({ activity, kinds: new Set() });
  });

  it('changes nothing when run on its own result', () => {
    const once = redaction.redactActivity({
      type: 'message',
      locale: 'de-DE',
      text: `Passwort: ${PASSWORD}, Token ghp_WoGsbeKXgzg2sye9b2Rann76dEyTzAeKOmXR, mysql://u:Geheim99@db.example.de/x`,
    }).activity;
    expect(redaction.redactActivity(once).activity).toEqual(once);
  });
});

describe('secrets recognised by their shape, in prose of any language', () => {
  const found = (text: string) => redaction.detect(text).map((f) => [f.kind, text.slice(f.start, f.end)]);

  it.each([
    ['a password in a URL', 'redis://:Sup3rRedis!@cache.example.com:6379', [['password', 'Sup3rRedis!']]],
    ['a key in JSON', '{"apiKey": "abc123def456", "region": "eu"}', [['key', '"abc123def456"']]],
    ['a PHP array', "'password' => 'S3cret!x',", [['password', "'S3cret!x'"]]],
    ['camelCase', 'clientSecret=9f8e7d6c5b4a', [['key', '9f8e7d6c5b4a']]],
    ['an HTTP header', 'Authorization: Basic dXNlcjpwYXNz', [['key', 'Basic dXNlcjpwYXNz']]],
    ['a URL password with a "#" in it', 'sftp://deploy:Montagne#88@ssh.example.ch', [['password', 'Montagne#88']]],
    ['a private key cut short', 'key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqh', [['key', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqh']]],
  ])('%s', (_what, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    'bypass: the cache for this page',
    'https://www.example.com/shop/products/Item123ABCdefGhiJklMnoPqr',
    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7zR5xP2vK9mL4qW8nT3yB6jF1hD0sA5gU marco@pc',
    'the new one is cheaper than the old one',
    'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
    'creditor reference RF18 5390 0754 7034',
    'the password field is greyed out on the profile page',
  ])('leaves alone: %s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('the customer\'s language is read only when there is something to mask', () => {
  const counting = () => {
    const asked: string[] = [];
    const redact = createActivityRedactor({
      detect: redaction.detect,
      masks: redaction.masks,
      language: (text) => {
        asked.push(text);
        return 'de';
      },
    });
    return { asked, redact };
  };

  it('a message without a secret comes back as it was, and no language is read for it', () => {
    const { asked, redact } = counting();
    const { activity, kinds } = redact({ type: 'message', locale: 'de-DE', text: 'Wie ändere ich meine Wiederherstellungs-E-Mail?', value: { note: 'nichts' } });
    expect(activity.text).toBe('Wie ändere ich meine Wiederherstellungs-E-Mail?');
    expect(activity.value).toEqual({ note: 'nichts' });
    expect(kinds.size).toBe(0);
    expect(asked).toEqual([]);
  });

  it('a secret in any field is masked in the language read once, from the text without the secret', () => {
    const { asked, redact } = counting();
    const { activity } = redact({ type: 'message', locale: 'en-US', text: `mein Passwort ist ${PASSWORD}`, value: { note: `password: ${PASSWORD}` } });
    expect(activity.text).toBe(`mein Passwort ist ${redaction.masks.de.password}`);
    expect(JSON.stringify(activity.value)).toContain(redaction.masks.de.password);
    expect(asked).toHaveLength(1);
    expect(asked[0]).not.toContain(PASSWORD);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { SecretDetector } from '../../src/secrets/detect.js';
import { passesLuhn } from '../../src/secrets/numbers.js';
import { redactText, redactValue, type Masks } from '../../src/secrets/redact.js';
import { loadRedaction } from './redaction.js';

let detect: SecretDetector;
let masks: Masks;
beforeAll(async () => {
  const redaction = await loadRedaction();
  detect = redaction.detect;
  masks = redaction.masks.en;
});
const redact = (text: string) => redactText(text, detect, masks).value;

describe('passwords typed in chat are hidden', () => {
  it.each([
    ['my password is Hunter2!', 'my password is [redacted password]'],
    ["my password's hunter2 and I can't log in", "my password's [redacted password] and I can't log in"],
    ['Password: correct horse', 'Password: [redacted password] horse'],
    ['pwd=abc123', 'pwd=[redacted password]'],
    ['the password of my mailbox is Blue-Sky-7', 'the password of my mailbox is [redacted password]'],
    ['my password is "open sesame 12" help', 'my password is [redacted password] help'],
    ['password Xy12ab please', 'password [redacted password] please'],
    ['la mia password è Ciao123, non entro', 'la mia password è [redacted password] non entro'],
    ["la password e' gattino", "la password e' [redacted password]"],
    ['la password è: qwerty', 'la password è: [redacted password]'],
    ['mon mot de passe est azerty', 'mon mot de passe est [redacted password]'],
    ['mot de passe : azerty', 'mot de passe : [redacted password]'],
    ['Mein Passwort ist geheim123', 'Mein Passwort ist [redacted password]'],
    ['PASSWORT LAUTET Sommer2024', 'PASSWORT LAUTET [redacted password]'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

describe('talking about a password hides nothing', () => {
  it.each([
    'I forgot my password',
    'how do I change my password?',
    'my password is wrong',
    'my password is not working',
    'la password è sbagliata',
    'mon mot de passe est incorrect',
    'mein Passwort ist falsch',
    'the password reset link is broken',
    'die Passwörter sind abgelaufen',
  ])('%s', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('access codes are hidden, other numbers are not', () => {
  it.each([
    ['my emergency code is 1234 5678', 'my emergency code is [redacted code]'],
    ['il codice 2FA è 123456', 'il codice 2FA è [redacted code]'],
    ['mon code de secours : AB12-CD34-EF56', 'mon code de secours : [redacted code]'],
    ['Mein Notfallcode lautet 98765432', 'Mein Notfallcode lautet [redacted code]'],
    ['the SMS code I got was 482913, is that normal?', 'the SMS code I got was [redacted code], is that normal?'],
    ['my backup codes: 1234 5678, 2345 6789; 3456 7890', 'my backup codes: [redacted code], [redacted code]; [redacted code]'],
    ['Codici di emergenza:\nab12cd34\nef56gh78\ngrazie', 'Codici di emergenza:\n[redacted code]\n[redacted code]\ngrazie'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    'my support code is 123456',
    'I lost my emergency codes. My phone is 079 123 45 67',
    'I have had 2FA since 2023',
    'dove trovo il codice supporto?',
  ])('%s', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('card numbers are hidden when they pass the Luhn check', () => {
  it('knows a valid card number from a mistyped one', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });

  it.each([
    ['card 4111 1111 1111 1111 expired', 'card [redacted card number] expired'],
    ['4111-1111-1111-1111', '[redacted card number]'],
    ['la carta 5500005555555559 non va', 'la carta [redacted card number] non va'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each(['order 4111 1111 1111 1112', 'reference 41111111111111111111111 is a longer number'])('%s', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('IBANs are hidden when their checksum is valid', () => {
  it.each([
    ['il mio IBAN è IT60 X054 2811 1010 0000 0123 456, grazie', 'il mio IBAN è [redacted IBAN], grazie'],
    ['IT60X0542811101000000123456 grazie', '[redacted IBAN] grazie'],
    ['mein Konto: de89 3704 0044 0532 0130 00', 'mein Konto: [redacted IBAN]'],
    ['CH93 0076 2011 6238 5295 7 is my account', '[redacted IBAN] is my account'],
    ['ab12 FR14 2004 1010 0505 0001 3M02 606', 'ab12 [redacted IBAN]'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('keeps an IBAN-like text whose checksum is wrong', () => {
    expect(redact('IT61 X054 2811 1010 0000 0123 456')).toBe('IT61 X054 2811 1010 0000 0123 456');
  });
});

describe('redaction', () => {
  it('says which kinds of secret it hid', () => {
    const { kinds } = redactText('password: x1y2z3, IBAN IT60X0542811101000000123456', detect, masks);
    expect([...kinds].sort()).toEqual(['iban', 'password']);
  });

  it('changes nothing when run twice', () => {
    const once = redact('my password is Hunter2 and my card 4111 1111 1111 1111, code 2FA: 123456');
    expect(redact(once)).toBe(once);
  });

  it('hides secrets in every string of a submitted value, leaving keys and other values alone', () => {
    const { value, kinds } = redactValue({ form: { note: 'password: s3cret!', amount: 12 }, list: ['IT60X0542811101000000123456'] }, detect, masks);
    expect(value).toEqual({ form: { note: 'password: [redacted password]', amount: 12 }, list: ['[redacted IBAN]'] });
    expect([...kinds].sort()).toEqual(['iban', 'password']);
  });

  it('hides nothing in the knowledge base, the guided checks or the held-out customer questions', () => {
    // heldout.tsv: label<TAB>locale<TAB>text, with # comments.
    const rows = readFileSync('tests/eval/heldout.tsv', 'utf8').split('\n').filter((line) => line && !line.startsWith('#'));
    const texts = rows.map((line) => line.split('\t')[2] ?? '');
    expect(texts.filter(Boolean)).toHaveLength(rows.length);
    const collect = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    for (const dir of ['knowledge', 'dialogs']) for (const file of readdirSync(dir)) collect(parse(readFileSync(`${dir}/${file}`, 'utf8')));
    expect(texts.length).toBeGreaterThan(1000);
    expect(texts.filter((text) => redactText(text, detect, masks).kinds.size > 0)).toEqual([]);
  });

  // How fast is for bench/secrets-speed.ts, which prints the time per size (a timed assertion
  // here would fail on a busy machine); these check that hostile inputs are read to the end.
  it.each([
    ['names followed by colons', 'password: '.repeat(26_000)],
    ['names glued into one long word', 'password-'.repeat(29_000)],
    ['code names glued into one long word', '2FA-'.repeat(65_000)],
    ['one name before a very long word', `password ${'x'.repeat(260_000)}`],
    ['digits and groups', `${'1 '.repeat(60_000)}${'4'.repeat(140_000)}`],
    ['IBAN-like groups', 'IT60 '.repeat(52_000)],
    ['code names and numbers', 'codice 2FA 1234 '.repeat(16_000)],
    ['private key headers with no end', '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(8_000)],
    ['token characters with no break', 'aB3'.repeat(90_000)],
  ])('reads a quarter of a megabyte of %s, masks included', (_what, hostile) => {
    expect(hostile.length).toBeGreaterThan(250_000);
    const once = redactText(hostile, detect, masks).value;
    expect(redactText(once, detect, masks).value).toBe(once);
  });
});

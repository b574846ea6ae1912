/**
 * How long masking takes on hostile texts, at three sizes: time that grows with the size (about
 * double for double) is linear; four times for double would be quadratic. Prints figures only,
 * as tests must not time anything. Run: npx tsx bench/secrets-speed.ts
 */
import { redactText } from '../src/secrets/redact.js';
import { loadRedaction } from '../tests/secrets/redaction.js';

const { detect, masks } = await loadRedaction();
const hostile: [string, string][] = [
  ['names followed by colons', 'password: '],
  ['names glued into one long word', 'password-'],
  ['code names glued into one long word', '2FA-'],
  ['digits in groups', '1 '],
  ['IBAN-like groups', 'IT60 '],
  ['code names and numbers', 'codice 2FA 1234 '],
  ['key=value pairs', 'DB_PASSWORD=x;'],
  ['private key headers with no end', '-----BEGIN RSA PRIVATE KEY-----\n'],
  ['token characters with no break', 'aB3'],
  ['URLs with a user', 'ftp://u:p@'],
  ['words before a name', 'x is my password '],
];
const sizes = [62_500, 125_000, 250_000];
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(['input', ...sizes.map((s) => `${s / 1000}k chars (ms)`), 'x for 4x size'].join('\t'));
for (const [name, unit] of hostile) {
  const times = sizes.map((size) => {
    const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    return median([0, 1, 2].map(() => {
      const started = performance.now();
      redactText(text, detect, masks.en);
      return performance.now() - started;
    }));
  });
  console.log([name, ...times.map((t) => t.toFixed(0)), (times[2]! / Math.max(times[0]!, 0.1)).toFixed(1)].join('\t'));
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { detectAll } from 'tinyld';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { detectAmongOurs } from '../../src/understanding/language-grams.js';

// tinyld itself, as detect-language.ts asked it before it had its own cut-down tables.
const tinyld = (text: string) => detectAll(text, { only: [...LANGUAGES] });

/** Every message and example we have, in every language: what the bot is really asked. */
function ourTexts(): string[] {
  const texts: string[] = [];
  for (const file of readdirSync('tests/eval')) {
    for (const line of readFileSync(path.join('tests/eval', file), 'utf8').split('\n')) {
      if (line && !line.startsWith('#')) texts.push(line.split('\t').at(-1)!);
    }
  }
  for (const file of readdirSync('knowledge').filter((f) => f.endsWith('.yaml'))) {
    texts.push(...readFileSync(path.join('knowledge', file), 'utf8').split('\n').map((l) => l.replace(/^[\s-]*/, '')).filter((l) => l.length > 2));
  }
  return texts;
}

describe("the four languages' gram tables", () => {
  it('give exactly the answers tinyld gives among our languages, on every message and example we have', () => {
    const texts = ourTexts();
    expect(texts.length).toBeGreaterThan(1000);
    for (const text of texts) expect(detectAmongOurs(text), text).toEqual(tinyld(text));
  });

  it('give exactly the answers tinyld gives on any text, punctuation, digits, accents and other scripts included', () => {
    const alphabet = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzàèéìòùäöüßçœ’\' ,.;:!?¿()«»"-_0123456789ＡＢ１２大中Ωжש\t\n'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 120 }).map((chars) => chars.join('')), (text) => {
        expect(detectAmongOurs(text)).toEqual(tinyld(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('name a language for ordinary sentences (the tables are not empty)', () => {
    expect(detectAmongOurs('Ich habe gestern bezahlt und heute trotzdem eine Mahnung bekommen')[0]?.lang).toBe('de');
    expect(detectAmongOurs('Je voudrais savoir pourquoi je reçois encore des messages')[0]?.lang).toBe('fr');
  });
});

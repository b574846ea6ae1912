import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, type Language } from '../content/languages.js';
import { BoundedMap } from '../util/bounded-map.js';
import type { LocaleFiles } from './locale-files.js';

export type Translate = (language: Language, key: string, values?: Record<string, unknown>) => string;

/**
 * An i18next instance of our own (not the global one), so tests and several bots in one
 * process do not share state. Markdown is ours: no HTML escaping of interpolated values.
 */
export async function createTranslator(locales: LocaleFiles, fallback: Language): Promise<Translate> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { bot: locales.strings[l] }])),
    supportedLngs: [...LANGUAGES],
    fallbackLng: fallback,
    ns: ['bot'],
    defaultNS: 'bot',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  const fixed = Object.fromEntries(LANGUAGES.map((l) => [l, instance.getFixedT(l)])) as Record<Language, TFunction>;
  // The strings are loaded once and never change, and most lookups (button labels, fixed
  // sentences, a tree's title in a sentence) come back turn after turn with the same values:
  // each is translated once, not every turn (the oldest are forgotten past the bound). Values
  // that are not plain strings or numbers (i18next formats those itself) go to i18next every time.
  const done = new BoundedMap<string, string>(MAX_REMEMBERED);
  return (language, key, values) => {
    const id = lookupId(language, key, values);
    if (id === undefined) return fixed[language](key, values) as string;
    return done.remember(id, () => fixed[language](key, values ?? {}) as string);
  };
}

// Values can hold what customers typed (a case summary): those are long and seldom asked
// twice, so long values are not kept, and the bound keeps the rest from piling up.
const MAX_REMEMBERED = 5_000;
const MAX_KEPT_VALUE = 200;

/** What identifies a lookup, when its values are plain numbers and short strings; undefined otherwise. */
function lookupId(language: Language, key: string, values: Record<string, unknown> | undefined): string | undefined {
  if (!values) return `${language}\n${key}`;
  const parts: unknown[] = [language, key];
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    if (typeof value === 'string' && value.length > MAX_KEPT_VALUE) return undefined;
    parts.push(name, value);
  }
  // JSON, so that no value can pass for another lookup's several values.
  return JSON.stringify(parts);
}

/** One key in all four languages: button labels that may be typed back in any of them, a question asked again in another language. */
export function everyLanguage(t: Translate, key: string, values?: (language: Language) => Record<string, unknown>): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, t(l, key, values?.(l))])) as Record<Language, string>;
}

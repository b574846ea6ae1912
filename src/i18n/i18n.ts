import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, type Language } from '../content/languages.js';
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
  // sentences) have no values: those are translated once, not every turn.
  const plain = new Map<string, string>();
  return (language, key, values) => {
    if (values) return fixed[language](key, values) as string;
    const id = `${language}\n${key}`;
    let text = plain.get(id);
    if (text === undefined) {
      text = fixed[language](key, {}) as string;
      plain.set(id, text);
    }
    return text;
  };
}

/** One key in all four languages: button labels that may be typed back in any of them. */
export function everyLanguage(t: Translate, key: string): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, t(l, key)])) as Record<Language, string>;
}

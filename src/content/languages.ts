/** The languages Sportello speaks. Italian is the source language of the help centre. */
export const LANGUAGES = ['it', 'en', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** "fr-CH", "de_DE", "EN" → the language we speak, or undefined. */
export function languageOf(locale: string | undefined | null): Language | undefined {
  const code = (locale ?? '').slice(0, 2).toLowerCase();
  return isLanguage(code) ? code : undefined;
}

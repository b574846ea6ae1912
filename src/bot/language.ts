import { languageOf, type Language } from '../content/languages.js';
import type { LanguageContext } from '../understanding/detect-language.js';

/** What the conversation remembers about the customer's language. */
export interface LanguageProfile {
  /** The language the conversation is in: short replies keep it. */
  language?: Language;
  /** The channel's locale last seen: when it changes (a language picker), it wins. */
  channelLanguage?: Language;
}

/**
 * The context for reading this message's language: the conversation's language, unless the
 * channel's locale just changed, which means the customer picked a language in the widget.
 */
export function languageContext(profile: LanguageProfile, locale: string | undefined, fallback: Language): LanguageContext {
  const hint = languageOf(locale);
  const picked = hint !== undefined && profile.channelLanguage !== undefined && hint !== profile.channelLanguage;
  return { previous: picked ? hint : profile.language, hint, fallback };
}

/** The language to speak when the message itself says nothing: the conversation's, else the channel's. */
export function knownLanguage(profile: LanguageProfile, locale: string | undefined, fallback: Language): Language {
  return profile.language ?? languageOf(locale) ?? fallback;
}

import { languageOf, type Language } from '../../src/content/languages.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import { loadLocaleFiles } from '../../src/i18n/locale-files.js';
import { createSecretDetector, type SecretDetector } from '../../src/secrets/detect.js';
import { everyMask, secretMasks } from '../../src/secrets/masks.js';
import { createActivityRedactor, type RedactActivity } from '../../src/secrets/redact-activity.js';
import type { Masks } from '../../src/secrets/redact.js';
import { loadSecretWords } from '../../src/secrets/vocabulary.js';

export interface Redaction {
  detect: SecretDetector;
  masks: Record<Language, Masks>;
  /** The activity redactor, with the channel's locale (else English) as the customer's language. */
  redactActivity: RedactActivity;
}

/** The project's own words and masks, as the bot builds them, without the rest of the bot. */
export async function loadRedaction(): Promise<Redaction> {
  const masks = secretMasks(await createTranslator(await loadLocaleFiles('locales'), 'en'));
  const detect = createSecretDetector(await loadSecretWords('locales'), everyMask(masks));
  const redactActivity = createActivityRedactor({ detect, masks, language: (_text, locale) => languageOf(locale) ?? 'en' });
  return { detect, masks, redactActivity };
}

import { LANGUAGES, type Language } from '../content/languages.js';
import type { Translate } from '../i18n/i18n.js';
import { SECRET_KINDS } from './finding.js';
import type { Masks } from './redact.js';

/** The masks in every language, from the bot's strings (secrets.mask.<kind>). */
export function secretMasks(t: Translate): Record<Language, Masks> {
  return Object.fromEntries(
    LANGUAGES.map((l) => [l, Object.fromEntries(SECRET_KINDS.map((k) => [k, t(l, `secrets.mask.${k}`)])) as Masks]),
  ) as Record<Language, Masks>;
}

/** Every mask of every language: the detector must never take one for a secret. */
export const everyMask = (masks: Record<Language, Masks>): string[] => LANGUAGES.flatMap((l) => Object.values(masks[l]));

import type { Language } from '../content/languages.js';
import type { Translate } from '../i18n/i18n.js';
import type { Reply } from '../replies/reply.js';
import { SECRET_KINDS, type SecretKind } from '../secrets/finding.js';

/** "Never share this, support never asks for it", once per kind of secret the customer typed. */
export function secretsWarning(kinds: ReadonlySet<SecretKind>, language: Language, t: Translate): Reply | undefined {
  if (kinds.size === 0) return undefined;
  return { text: SECRET_KINDS.filter((k) => kinds.has(k)).map((k) => t(language, `secrets.${k}`)).join('\n\n') };
}

/** The polite answer to a message too long to read. */
export function tooLongNotice(maxChars: number, language: Language, t: Translate): Reply {
  return { text: t(language, 'limits.tooLong', { max: maxChars }) };
}

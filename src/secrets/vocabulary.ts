import { z } from 'zod';
import { LANGUAGES, type Language } from '../content/languages.js';
import { collectProblems, parseYaml } from '../content/yaml-file.js';
import { readLocaleFile } from '../i18n/locale-files.js';

/** locales/<lang>/secrets.yaml: the words that announce a password, an access code or a key. */
export const SECRET_WORDS = 'secrets.yaml';

const words = z.array(z.string().trim().min(1)).min(1, 'needs at least one word');
const schema = z.strictObject({
  version: z.literal(1),
  /** Names of a password: the word after a connector is the secret. */
  password: words,
  /** Names of an access code: the first code-shaped word nearby is the secret. */
  code: words,
  /** Words between a name and its secret ("is", "è"); ":" and "=" always connect. */
  connectors: words,
  /** Words between a secret and a password's name after it ("is my" in "hunter2 is my password"). */
  before: words,
  /** Words that point back to a password named before ("the new one"). */
  references: words,
  /** Names of credentials in configuration files, code and forms, by the mask they get: only before ":" or "=". */
  keys: z.strictObject({ password: words, key: words }),
  /** Words that describe a password instead of being one ("wrong"). */
  notSecrets: words,
});

export type SecretWords = z.output<typeof schema>;

/** Every language's secret words; the detector uses all of them at once, as customers mix languages. */
export async function loadSecretWords(dir: string): Promise<Record<Language, SecretWords>> {
  const files = await Promise.all(LANGUAGES.map((l) => readLocaleFile(dir, l, SECRET_WORDS)));
  const parsed = collectProblems(files, (file, text) => parseYaml(file, text, schema));
  return Object.fromEntries(LANGUAGES.map((l, i) => [l, parsed[i]!])) as Record<Language, SecretWords>;
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { COMMANDS, type CommandVocabulary } from '../understanding/commands.js';
import { LANGUAGES, type Language } from '../content/languages.js';
import { ContentError, collectProblems, parseYaml } from '../content/yaml-file.js';

/** locales/<lang>/bot.yaml: every string the bot says, as nested i18next keys. */
export const BOT_STRINGS = 'bot.yaml';
/** locales/<lang>/input.yaml: what people type for yes, no, help, cancel… */
export const INPUT_WORDS = 'input.yaml';

type Strings = { [key: string]: string | Strings };
const strings: z.ZodType<Strings> = z.lazy(() => z.record(z.string(), z.union([z.string().min(1), strings])));
const botSchema = z.strictObject({ version: z.literal(1), strings });
const phrases = z.array(z.string().trim().min(1)).min(1, 'needs at least one phrase');
// zod checks that an enum-keyed record has every key: a language cannot forget "cancel".
const inputSchema = z.strictObject({ version: z.literal(1), words: z.record(z.enum(COMMANDS), phrases), crisis: phrases });

export interface LocaleFiles {
  strings: Record<Language, Strings>;
  input: CommandVocabulary;
}

/** Reads locales/<language>/<name>; a missing file names the file and says every language needs it. */
export async function readLocaleFile(dir: string, language: Language, name: string): Promise<[string, string]> {
  const file = path.join(dir, language, name);
  try {
    return [file, await readFile(file, 'utf8')];
  } catch {
    throw new ContentError([`${file}: missing (every language needs ${name})`]);
  }
}

/** Flattens nested keys to "a.b.c" so two languages can be compared key by key. */
export function flattenKeys(tree: Strings, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flattenKeys(v, `${prefix}${k}.`)));
}

/** Loads every language's strings and input words; a key present in one language only is an error. */
export async function loadLocaleFiles(dir: string): Promise<LocaleFiles> {
  const botFiles = await Promise.all(LANGUAGES.map((l) => readLocaleFile(dir, l, BOT_STRINGS)));
  const inputFiles = await Promise.all(LANGUAGES.map((l) => readLocaleFile(dir, l, INPUT_WORDS)));
  const bots = collectProblems(botFiles, (file, text) => parseYaml(file, text, botSchema).strings);
  const inputs = collectProblems(inputFiles, (file, text) => {
    const { words, crisis } = parseYaml(file, text, inputSchema);
    return { ...words, crisis };
  });
  const problems: string[] = [];
  const reference = new Set(flattenKeys(bots[0]!));
  LANGUAGES.forEach((language, i) => {
    const keys = new Set(flattenKeys(bots[i]!));
    for (const key of reference) if (!keys.has(key)) problems.push(`${botFiles[i]![0]}: strings.${key} is missing (present in ${LANGUAGES[0]})`);
    for (const key of keys) if (!reference.has(key)) problems.push(`${botFiles[i]![0]}: strings.${key} is not in ${LANGUAGES[0]}`);
  });
  if (problems.length > 0) throw new ContentError(problems);
  const byLanguage = <T>(list: T[]) => Object.fromEntries(LANGUAGES.map((l, i) => [l, list[i]!])) as Record<Language, T>;
  return { strings: byLanguage(bots), input: byLanguage(inputs) };
}

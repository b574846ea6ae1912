import { languageOf, type Language } from '../content/languages.js';

/**
 * The terminal's language, as POSIX tools read it: LC_ALL, then LC_MESSAGES, then LANG
 * ("fr_FR.UTF-8" → fr). "C", "POSIX" and "C.UTF-8" name no language (they are what minimal
 * systems and containers set), so they, like a language the bot does not speak, leave it to
 * the bot's configured default.
 */
export function terminalLanguage(env: Record<string, string | undefined>, fallback: Language): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value && value.trim() !== '');
  if (!locale) return fallback;
  const tag = locale.split('.')[0]!.replace('_', '-');
  if (tag === 'C' || tag === 'POSIX') return fallback;
  return languageOf(tag) ?? fallback;
}

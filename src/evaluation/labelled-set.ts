import { readFile } from 'node:fs/promises';
import { languageOf, type Language } from '../content/languages.js';

export interface LabelledMessage {
  expected: string;
  language: Language;
  text: string;
  /** file:line, for reports. */
  source: string;
}

/**
 * Reads `label<TAB>locale<TAB>text` lines (the format of tests/eval and of the external
 * out-of-scope sets); `#` lines are comments. Locales may be "it" or "it-IT".
 */
export async function readLabelledSet(file: string): Promise<LabelledMessage[]> {
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
  const messages: LabelledMessage[] = [];
  lines.forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const [expected, locale, ...rest] = line.split('\t');
    const language = languageOf(locale);
    const text = rest.join('\t').trim();
    if (!expected || !language || !text) throw new Error(`${file}:${i + 1}: expected "label<TAB>locale<TAB>text"`);
    messages.push({ expected: expected.trim(), language, text, source: `${file}:${i + 1}` });
  });
  return messages;
}

import path from 'node:path';
import { LANGUAGES, type Language } from '../content/languages.js';
import { ContentError, collectProblems, parseYaml, readYamlFolder } from '../content/yaml-file.js';
import { createKnowledgeBase, entryOf, type Entry, type KnowledgeBase } from './model.js';
import { entrySchema, outOfScopeSchema } from './schema.js';

export const OUT_OF_SCOPE_FILE = '_out-of-scope.yaml';

function toEntry(file: string, source: string): Entry {
  const data = parseYaml(file, source, entrySchema);
  const expected = path.basename(file).replace(/\.ya?ml$/, '');
  if (data.id !== expected) throw new ContentError([`${file}: id — is "${data.id}" but the file is named ${expected}.yaml`]);
  const { it, en, fr, de } = data;
  return entryOf({ id: data.id, tree: data.tree, related: data.related, popularity: data.popularity }, { it, en, fr, de });
}

/** Checks what no single file can: related ids that exist, and questions claimed by two entries. */
function crossCheck(entries: Entry[], dir: string): string[] {
  const problems: string[] = [];
  const ids = new Set(entries.map((e) => e.id));
  const owner = new Map<string, string>();
  for (const entry of entries) {
    const file = path.join(dir, `${entry.id}.yaml`);
    entry.related.forEach((id, i) => {
      if (!ids.has(id)) problems.push(`${file}: related[${i}] — "${id}" is not an entry id (known: ${[...ids].join(', ')})`);
      if (id === entry.id) problems.push(`${file}: related[${i}] — an entry cannot be related to itself`);
    });
    for (const language of LANGUAGES) {
      if (!entry.languages.includes(language)) continue;
      entry.text[language].questions.forEach((question, i) => {
        const key = `${language}:${question.toLowerCase().trim()}`;
        const other = owner.get(key);
        if (other && other !== entry.id) {
          problems.push(`${file}: ${language}.questions[${i}] — "${question}" is also a question of ${other}`);
        }
        owner.set(key, entry.id);
      });
    }
  }
  return problems;
}

/** Loads and validates knowledge/*.yaml; any problem stops the load with every file and field named. */
export async function loadKnowledge(dir: string): Promise<KnowledgeBase> {
  const files = await readYamlFolder(dir);
  const entryFiles = files.filter(([file]) => path.basename(file) !== OUT_OF_SCOPE_FILE);
  const outOfScopeFile = files.find(([file]) => path.basename(file) === OUT_OF_SCOPE_FILE);
  const entries = collectProblems(entryFiles, toEntry);
  const problems = crossCheck(entries, dir);
  if (entries.length === 0) problems.push(`${dir}: holds no knowledge entry (*.yaml)`);
  let outOfScope: Record<Language, string[]> = { it: [], en: [], fr: [], de: [] };
  if (outOfScopeFile) {
    try {
      const { it, en, fr, de } = parseYaml(outOfScopeFile[0], outOfScopeFile[1], outOfScopeSchema);
      outOfScope = { it, en, fr, de };
    } catch (error) {
      if (error instanceof ContentError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
  return createKnowledgeBase(entries, outOfScope);
}

import { loadLocaleFiles, type LocaleFiles } from '../i18n/locale-files.js';
import { loadKnowledge } from '../knowledge/load.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import { loadTrees } from '../trees/load.js';
import type { TreeCatalog } from '../trees/model.js';
import { loadSecretWords, type SecretWords } from '../secrets/vocabulary.js';
import { loadHandoffWords, type HandoffWords } from '../handoff/vocabulary.js';
import type { Language } from './languages.js';
import { ContentError } from './yaml-file.js';
import { prefetchDone } from './yaml-prefetch.js';

export interface Content {
  kb: KnowledgeBase;
  trees: TreeCatalog;
  locales: LocaleFiles;
  /** The words that announce a password or an access code, per language. */
  secrets: Record<Language, SecretWords>;
  /** What agents type in Teams to steer hand-offs, and what a support code is called. */
  handoff: Record<Language, HandoffWords>;
}

export interface ContentDirs {
  knowledgeDir: string;
  dialogsDir: string;
  localesDir: string;
}

/** Entries that name a tree and trees that name an entry must agree. */
function crossCheck(kb: KnowledgeBase, trees: TreeCatalog, dirs: ContentDirs): string[] {
  const problems: string[] = [];
  for (const entry of kb.entries.values()) {
    if (!entry.tree) continue;
    const tree = trees.get(entry.tree);
    if (!tree) problems.push(`${dirs.knowledgeDir}/${entry.id}.yaml: tree — "${entry.tree}" is not a tree in ${dirs.dialogsDir}/`);
    else if (tree.entry !== entry.id) problems.push(`${tree.file}: entry — is "${tree.entry}" but ${entry.id} names this tree`);
  }
  return problems;
}

/** Each loader's ContentError problems gathered, so one run names every problem of every file. */
function problemCollector() {
  const problems: string[] = [];
  const attempt = async <T>(load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await load();
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  return { problems, attempt };
}

/**
 * What the understanding is trained on: the knowledge and the strings. For the commands that
 * judge understanding alone (eval, classify) on any knowledge folder: the guided trees belong to
 * one base's entries, and another base's folder must not fail for lack of them.
 */
export async function loadUnderstandingContent(dirs: Pick<ContentDirs, 'knowledgeDir' | 'localesDir'>): Promise<Pick<Content, 'kb' | 'locales'>> {
  await prefetchDone();
  const { problems, attempt } = problemCollector();
  const kb = await attempt(() => loadKnowledge(dirs.knowledgeDir));
  const locales = await attempt(() => loadLocaleFiles(dirs.localesDir));
  if (problems.length > 0 || !kb || !locales) throw new ContentError(problems);
  return { kb, locales };
}

/** Loads and checks every content file: knowledge, trees, strings. Throws with every problem found. */
export async function loadContent(dirs: ContentDirs): Promise<Content> {
  await prefetchDone();
  const { problems, attempt } = problemCollector();
  const kb = await attempt(() => loadKnowledge(dirs.knowledgeDir));
  const trees = kb ? await attempt(() => loadTrees(dirs.dialogsDir, kb.ids())) : undefined;
  const locales = await attempt(() => loadLocaleFiles(dirs.localesDir));
  const secrets = await attempt(() => loadSecretWords(dirs.localesDir));
  const handoff = await attempt(() => loadHandoffWords(dirs.localesDir));
  if (kb && trees) problems.push(...crossCheck(kb, trees, dirs));
  if (problems.length > 0 || !kb || !trees || !locales || !secrets || !handoff) throw new ContentError(problems);
  return { kb, trees, locales, secrets, handoff };
}

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LANGUAGES, type Language } from '../content/languages.js';
import { evaluate } from '../evaluation/evaluate.js';
import type { LabelledMessage } from '../evaluation/labelled-set.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { Understander } from '../understanding/understander.js';

type Group = Language | 'all';
const GROUPS: readonly Group[] = [...LANGUAGES, 'all'];

/** The held-out figures `kb:check --compare` sets side by side (0-1 each, NaN where a group has no message). */
export interface HeldOutFigures {
  accuracy: Record<Group, number>;
  inScopeAccuracy: Record<Group, number>;
  outOfScopeRecall: Record<Group, number>;
}

/** How an understander does on the held-out set, read as a channel would send each message (its locale as the hint). */
export function heldOutFigures(understander: Understander, set: readonly LabelledMessage[], fallback: Language): HeldOutFigures {
  const report = evaluate([...set], (m) => {
    const u = understander.understand(m.text, { hint: m.language, fallback });
    return { intent: u.intent, decision: u.decision, language: u.language, confidence: u.confidence };
  });
  return { accuracy: report.accuracy, inScopeAccuracy: report.inScopeAccuracy, outOfScopeRecall: report.outOfScopeRecall };
}

/**
 * The knowledge folder as a git revision has it (`HEAD`, `main`, a commit), written to a new
 * temporary folder: the base a patch is measured against. The caller removes it.
 */
export function knowledgeAtRevision(knowledgeDir: string, revision: string): string {
  const dir = path.resolve(knowledgeDir);
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim();
  const relative = path.relative(root, dir);
  // From the root, ls-tree names files by their path in the repository, as `git show REV:path` reads them.
  const files = execFileSync('git', ['ls-tree', '-r', '--name-only', '-z', revision, '--', relative || '.'], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    .split('\0')
    .filter(Boolean);
  if (files.length === 0) throw new Error(`${knowledgeDir}: nothing at revision "${revision}" (git ls-tree found no file)`);
  const out = mkdtempSync(path.join(tmpdir(), 'sportello-knowledge-at-'));
  try {
    for (const file of files) {
      const target = path.join(out, path.relative(relative, file));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, execFileSync('git', ['show', `${revision}:${file}`], { cwd: root, maxBuffer: 64 * 1024 * 1024 }));
    }
  } catch (error) {
    rmSync(out, { recursive: true, force: true });
    throw error;
  }
  return out;
}

/**
 * Held-out messages the changed base now lists as its own example questions, and the base
 * before did not: the set is then no longer held out for them, and the figure after flatters.
 */
export function leakedIntoExamples(before: KnowledgeBase, after: KnowledgeBase, set: readonly LabelledMessage[]): LabelledMessage[] {
  const examples = (kb: KnowledgeBase) => new Set([...kb.entries.values()].flatMap((e) => e.languages.flatMap((l) => e.text[l].questions.map((q) => `${l}\n${q.trim().toLowerCase()}`))));
  const was = examples(before);
  const now = examples(after);
  return set.filter((m) => {
    const key = `${m.language}\n${m.text.trim().toLowerCase()}`;
    return now.has(key) && !was.has(key);
  });
}

const pct = (x: number) => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`);
const points = (before: number, after: number) => {
  if (Number.isNaN(before) || Number.isNaN(after)) return '';
  const d = 100 * (after - before);
  return ` (${d >= 0 ? '+' : ''}${d.toFixed(1)})`;
};

/** Before → after per language and overall, one line per figure, change in percentage points. */
export function heldOutChangeLines(before: HeldOutFigures, after: HeldOutFigures): string[] {
  const rows: Array<[string, keyof HeldOutFigures]> = [
    ['top-1 accuracy', 'accuracy'],
    ['in-scope accuracy', 'inScopeAccuracy'],
    ['out-of-scope recall', 'outOfScopeRecall'],
  ];
  return rows.flatMap(([name, key]) => [
    `  ${name}:`,
    ...GROUPS.map((g) => `    ${g.padEnd(3)} ${pct(before[key][g]).padStart(6)} → ${pct(after[key][g]).padStart(6)}${points(before[key][g], after[key][g])}`),
  ]);
}

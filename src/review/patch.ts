import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { LANGUAGES, type Language } from '../content/languages.js';
import type { ReviewedQuestion, ReviewGroups } from './group.js';

/** Where stub entries go: the bot loads knowledge/*.yaml only, so a draft waits there until a person finishes it. */
export const DRAFTS_FOLDER = 'drafts';

/** A question as one YAML list item, quoted only where YAML needs it. */
const item = (indent: string, text: string) => `${indent}- ${stringify(text, { lineWidth: 0 }).trimEnd()}`;

/**
 * Adds questions to the `questions:` list of one language of an entry file, after its last
 * item, keeping every other line as the author wrote it.
 */
export function addQuestions(yaml: string, file: string, language: Language, questions: readonly string[]): string {
  const lines = yaml.split('\n');
  const section = lines.findIndex((l) => l === `${language}:`);
  if (section < 0) throw new Error(`${file}: no "${language}:" section`);
  let header = -1;
  for (let i = section + 1; i < lines.length && !/^\S/.test(lines[i]!); i++) {
    if (/^ {2}questions:\s*$/.test(lines[i]!)) {
      header = i;
      break;
    }
  }
  if (header < 0) throw new Error(`${file}: ${language}.questions is not a block list`);
  let last = header;
  let indent = '    ';
  for (let i = header + 1; i < lines.length; i++) {
    const match = /^(\s+)- /.exec(lines[i]!);
    if (!match) break;
    indent = match[1]!;
    last = i;
  }
  lines.splice(last + 1, 0, ...questions.map((q) => item(indent, q)));
  return lines.join('\n');
}

/** A draft entry holding one cluster of questions that fit no entry, for a person to complete. */
export function stubEntry(id: string, questions: readonly ReviewedQuestion[], day: string): string {
  const header = [
    `# Draft from \`npm run review\` on ${day}: questions the bot could not place in any entry.`,
    `# Write the title and answer in every language, add questions until each language has enough,`,
    `# then move this file up to knowledge/${id}.yaml (renaming id if you like) and run npm run kb:check.`,
  ];
  const body: Record<string, unknown> = { version: 1, id, related: [] };
  for (const language of LANGUAGES) {
    body[language] = {
      title: 'TODO',
      questions: questions.filter((q) => q.language === language).map((q) => q.text),
      keywords: [],
      answer: { summary: 'TODO' },
    };
  }
  return `${header.join('\n')}\n${stringify(body, { lineWidth: 0 })}`;
}

/**
 * A scratch git repository holding a copy of knowledge/ at the same path as in the project,
 * so the review can be written there, loaded and trained on like the real base, and diffed:
 * the diff is a real `git diff` that `git apply` in the project takes as it is.
 */
export class ScratchKnowledge {
  private readonly scratch = mkdtempSync(path.join(tmpdir(), 'sportello-review-'));
  private readonly relative: string;
  /** The copy of the knowledge folder. */
  readonly knowledgeDir: string;

  constructor(knowledgeDir: string, root: string) {
    this.relative = path.relative(root, path.resolve(knowledgeDir)) || '.';
    this.knowledgeDir = path.join(this.scratch, this.relative);
    mkdirSync(path.dirname(this.knowledgeDir), { recursive: true });
    cpSync(knowledgeDir, this.knowledgeDir, { recursive: true });
    this.git('init', '-q');
    this.git('add', '-A');
    this.git('commit', '-q', '-m', 'knowledge as it is');
  }

  private git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=npm run review', '-c', 'user.email=review@localhost', '-c', 'core.autocrlf=false', ...args], { cwd: this.scratch, encoding: 'utf8' });
  }

  /** Writes the review over the base as it was (a previous write is undone first). */
  write(groups: ReviewGroups, day: string): void {
    this.git('reset', '-q', '--hard');
    this.git('clean', '-fdq');
    for (const [entry, questions] of [...groups.entries.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const file = path.join(this.knowledgeDir, `${entry}.yaml`);
      let yaml = readFileSync(file, 'utf8');
      for (const language of LANGUAGES) {
        const texts = questions.filter((q) => q.language === language).map((q) => q.text);
        if (texts.length > 0) yaml = addQuestions(yaml, path.join(this.relative, `${entry}.yaml`), language, texts);
      }
      writeFileSync(file, yaml);
    }
    groups.clusters.forEach((cluster, i) => {
      const id = `review-${day}-${i + 1}`;
      mkdirSync(path.join(this.knowledgeDir, DRAFTS_FOLDER), { recursive: true });
      writeFileSync(path.join(this.knowledgeDir, DRAFTS_FOLDER, `${id}.yaml`), stubEntry(id, cluster, day));
    });
  }

  /** What the last write changed, as a `git diff` with paths from the project's root. */
  diff(): string {
    this.git('add', '-A');
    return this.git('diff', '--cached', '--no-color', '--no-ext-diff', '--no-renames');
  }

  dispose(): void {
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

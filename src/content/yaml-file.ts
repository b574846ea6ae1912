import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { takePrefetched, YAML_OPTIONS } from './yaml-prefetch.js';

/** A content file that cannot be used, with every problem as "file: field: what is wrong". */
export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ContentError';
  }
}

function describePath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

/** Formats schema issues the way authors read them: `knowledge/x.yaml: fr.answer is missing`. */
export function describeIssues(file: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = describePath(issue.path);
    const missing = issue.code === 'invalid_type' && issue.message.includes('received undefined');
    const what = missing ? 'is missing' : issue.message;
    return where ? `${file}: ${where} ${missing ? what : `— ${what}`}` : `${file}: ${what}`;
  });
}

/** Parses one YAML text against a schema; throws ContentError naming the file and the fields. */
export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  const parsed = schema.safeParse(takePrefetched(file, text)?.value ?? parseText(file, text));
  if (!parsed.success) throw new ContentError(describeIssues(file, parsed.error.issues));
  return parsed.data;
}

function parseText(file: string, text: string): unknown {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length > 0) {
    throw new ContentError(doc.errors.map((e) => `${file}: YAML syntax — ${e.message.split('\n')[0]}`));
  }
  return doc.toJS();
}

/** Reads every *.yaml file of a folder, in name order, as [relative file name, text]. */
export async function readYamlFolder(dir: string): Promise<Array<[string, string]>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new ContentError([`${dir}: cannot read the folder (${(error as Error).message})`]);
  }
  const files = names.filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(
    files.map(async (name) => {
      const file = path.join(dir, name);
      return [file, await readFile(file, 'utf8')] as [string, string];
    }),
  );
}

/** Runs every file through `load`, gathering all problems before failing, so authors see them at once. */
export function collectProblems<T>(items: Array<[string, string]>, load: (file: string, text: string) => T): T[] {
  const problems: string[] = [];
  const results: T[] = [];
  for (const [file, text] of items) {
    try {
      results.push(load(file, text));
    } catch (error) {
      if (error instanceof ContentError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
  return results;
}

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What a kept model or calibration was made by: every module of this folder and every module of
 * ours they import, however indirectly (the language list, the bounded map…), compiled or source,
 * whichever runs; and the version of each package they load. A file kept by other code is stale.
 * Followed from the imports rather than listed, so a module or package added later counts
 * without anyone remembering to add it here.
 */
export interface TrainingSources {
  /** Absolute paths of our modules, sorted. */
  modules: string[];
  /** Package names, sorted. */
  packages: string[];
}

// Static and dynamic imports and requires, a template's head included (natural-parts.ts loads
// natural's parts by a template): the part before any placeholder is enough to name a package.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)(['"`])([^'"`$]+)/g;

const PACKAGE = /^(?!node:)(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/|$)/i;

const here = path.dirname(fileURLToPath(import.meta.url));

/** The module a relative specifier names: as written (compiled), or its TypeScript source (under tsx). */
function resolveOurs(from: string, specifier: string): string | undefined {
  const written = path.resolve(path.dirname(from), specifier);
  for (const candidate of [written, written.replace(/\.js$/, '.ts')]) if (existsSync(candidate)) return candidate;
  return undefined;
}

const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

export async function trainingSources(folder = here): Promise<TrainingSources> {
  const { modules, packages } = await walk(folder);
  return { modules: [...modules.keys()].sort(), packages };
}

/** The modules reached from `folder`'s, each with its text (read once: the digest hashes it), and the packages. */
async function walk(folder: string): Promise<{ modules: Map<string, string>; packages: string[] }> {
  const modules = new Map<string, string>();
  const packages = new Set<string>();
  const pending = (await readdir(folder)).filter((n) => /\.(js|ts|mjs|cjs)$/.test(n) && !n.endsWith('.d.ts')).map((n) => path.join(folder, n));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (modules.has(file)) continue;
    const text = await readFile(file, 'utf8');
    modules.set(file, text);
    for (const [, , specifier] of text.matchAll(SPECIFIER)) {
      if (specifier!.startsWith('.')) {
        const resolved = resolveOurs(file, specifier!);
        if (resolved) pending.push(resolved);
      } else if (PACKAGE.test(specifier!)) {
        packages.add(packageOf(specifier!));
      }
    }
  }
  return { modules, packages: [...packages].sort() };
}

let code: Promise<string> | undefined;

/** A digest of `trainingSources`: the modules' text and the packages' versions. */
export function trainingCode(): Promise<string> {
  code ??= (async () => {
    const hash = createHash('sha256');
    const { modules, packages } = await walk(here);
    for (const file of [...modules.keys()].sort()) hash.update(path.relative(here, file)).update(modules.get(file)!);
    const require = createRequire(import.meta.url);
    for (const name of packages) {
      try {
        hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}`);
      } catch {
        // A package whose manifest its exports hide: its name still counts, its version cannot.
        hash.update(`${name}@?`);
      }
    }
    return hash.digest('hex');
  })();
  return code;
}

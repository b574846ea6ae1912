import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LANGUAGES } from './languages.js';

/** The options every content file is parsed with, here and on the main thread alike. */
export const YAML_OPTIONS = { prettyErrors: true, uniqueKeys: true } as const;

/** Per file: the text the worker read and the plain data of its document. */
type Prefetched = Map<string, { text: string; value: unknown }>;

let prefetched: Promise<Prefetched | undefined> | undefined;
let ready: Prefetched | undefined;

// An eval'd worker, so no loader is needed, compiled or run from source; import() only, as Node
// reads eval'd code as CommonJS or as a module depending on the package. Files with YAML
// errors are left out: the main thread parses them and reports the errors as always.
const WORKER = `
Promise.all([import('node:worker_threads'), import('node:fs'), import('node:path')]).then(async ([{ parentPort, workerData }, fs, path]) => {
  const { parseDocument } = await import(workerData.yaml);
  const parsed = [];
  for (const dir of workerData.dirs) {
    let names = [];
    try { names = fs.readdirSync(dir); } catch { continue; }
    for (const name of names.filter((n) => /\\.ya?ml$/.test(n))) {
      const file = path.join(dir, name);
      try {
        const text = fs.readFileSync(file, 'utf8');
        const doc = parseDocument(text, workerData.options);
        if (doc.errors.length === 0) parsed.push([file, text, doc.toJS()]);
      } catch {}
    }
  }
  parentPort.postMessage(parsed);
});
`;

/** Every folder whose YAML files loadContent reads. Here, not in load-content.ts, so index.ts imports no loader before the worker starts. */
export function contentFolders(dirs: { knowledgeDir: string; dialogsDir: string; localesDir: string }): string[] {
  return [dirs.knowledgeDir, dirs.dialogsDir, ...LANGUAGES.map((l) => path.join(dirs.localesDir, l))];
}

/**
 * Starts parsing every YAML file of `dirs` on a worker thread. Parsing the content is ~0.5 s of
 * start-up (the yaml library runs cold), and the main thread meanwhile has ~1 s of imports to do
 * (the SDK, restify) that need no content: index.ts starts this first, then imports the app.
 * Only a head start: loadContent still reads every file, and takes a worker's result only for
 * the same text; whatever the worker did not parse (or if it failed) is parsed as before.
 */
export function prefetchYaml(dirs: string[]): void {
  prefetched = new Promise((resolve) => {
    try {
      const yaml = pathToFileURL(createRequire(import.meta.url).resolve('yaml')).href;
      // Not unref'd: while loadContent awaits it, the worker may be all that keeps the event loop
      // alive (nothing listens yet). It ends by itself once it has posted its files.
      const worker = new Worker(WORKER, { eval: true, workerData: { dirs, yaml, options: YAML_OPTIONS } });
      worker.once('message', (files: Array<[string, string, unknown]>) => resolve(new Map(files.map(([file, text, value]) => [file, { text, value }]))));
      worker.once('error', () => resolve(undefined));
      worker.once('exit', () => resolve(undefined));
    } catch {
      resolve(undefined);
    }
  });
}

/** Waits for a prefetch started by prefetchYaml, if any (loadContent, before it parses). */
export async function prefetchDone(): Promise<void> {
  ready = (await prefetched) ?? ready;
  prefetched = undefined;
}

/** The worker's data for this file, if it parsed exactly this text; each file's is taken once. */
export function takePrefetched(file: string, text: string): { value: unknown } | undefined {
  const found = ready?.get(file);
  if (!found || found.text !== text) return undefined;
  ready!.delete(file);
  return { value: found.value };
}

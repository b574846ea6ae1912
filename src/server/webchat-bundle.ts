import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where botframework-webchat's prebuilt bundle (dist/webchat.js: Web Chat, React and
 * Adaptive Cards in one file) lies in node_modules. The package's exports map hides dist/
 * from require.resolve, so resolve its entry point and walk up to the package folder.
 */
export function webChatBundlePath(): string {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve('botframework-webchat'));
  const isPackageRoot = (folder: string) => {
    const manifest = path.join(folder, 'package.json');
    return existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'botframework-webchat';
  };
  while (!isPackageRoot(dir)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('botframework-webchat: package folder not found (run npm ci)');
    dir = parent;
  }
  const bundle = path.join(dir, 'dist', 'webchat.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: reinstall botframework-webchat (npm ci)`);
  return bundle;
}

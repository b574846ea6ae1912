import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { TeamsApp } from './app-file.js';
import { buildManifest, ICON_FILES, type ManifestIds } from './manifest.js';

/**
 * The app package Teams takes for upload: a zip with manifest.json, the localization files
 * and the two icons at its root (no folder inside).
 */
export async function buildAppPackage(app: TeamsApp, ids: ManifestIds, iconsDir: string): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, json] of Object.entries(buildManifest(app, ids))) {
    entries[name] = new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`);
  }
  for (const icon of Object.values(ICON_FILES)) entries[icon] = new Uint8Array(await readFile(path.join(iconsDir, icon)));
  return zipSync(entries, { level: 9 });
}

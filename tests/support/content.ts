import { loadConfig } from '../../src/config.js';
import { loadContent, type Content } from '../../src/content/load-content.js';

let loaded: Promise<Content> | undefined;

/** The project's real content (knowledge/, dialogs/, locales/), loaded once per test file. */
export function projectContent(): Promise<Content> {
  loaded ??= loadContent(loadConfig({}));
  return loaded;
}

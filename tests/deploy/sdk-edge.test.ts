import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The Bot Framework SDK is archived; its successor (the Microsoft 365 Agents SDK) keeps most
// names but not the package names. Keeping every import of the SDK in src/sdk/ is what makes the
// move a change of one folder, so a new import anywhere else fails here, in CI, not at move time.
const SRC = path.resolve(import.meta.dirname, '../../src');
const SDK_PACKAGE = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)'(botbuilder[^']*|botframework-(?:connector|schema)[^']*)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function sdkImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(SDK_PACKAGE)].map((match) => match[1] ?? '');
}

describe('the SDK at the edge', () => {
  const files = sourceFiles(SRC);

  it('imports botbuilder only inside src/sdk/', () => {
    const outside = files
      .filter((file) => !file.startsWith(path.join(SRC, 'sdk') + path.sep))
      .flatMap((file) => sdkImports(file).map((pkg) => `${path.relative(SRC, file)} imports ${pkg}`));
    expect(outside).toEqual([]);
  });

  it('finds the imports it looks for (the check is not blind)', () => {
    const inside = files.filter((file) => file.startsWith(path.join(SRC, 'sdk') + path.sep)).flatMap(sdkImports);
    expect(inside).toContain('botbuilder');
    expect(inside).toContain('botbuilder-dialogs');
  });
});

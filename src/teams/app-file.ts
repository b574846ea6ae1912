import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LANGUAGES } from '../content/languages.js';
import { ContentError, parseYaml } from '../content/yaml-file.js';

const https = z.url({ protocol: /^https$/, error: 'must be an https address' });
// The limits are Teams': a longer text fails the manifest schema.
const text = z.strictObject({
  name: z.strictObject({ short: z.string().min(1).max(30), full: z.string().min(1).max(100) }),
  description: z.strictObject({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  commands: z.array(z.strictObject({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) })).max(10),
  search: z.strictObject({
    title: z.string().min(1).max(32),
    description: z.string().min(1).max(128),
    parameterTitle: z.string().min(1).max(32),
    parameterDescription: z.string().min(1).max(128),
    languageTitle: z.string().min(1).max(32),
    languageDescription: z.string().min(1).max(128),
  }),
});

export const teamsAppSchema = z.strictObject({
  version: z.literal(1),
  appVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0'),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0B5CAD'),
  /** The language of manifest.json itself; Teams falls back to it. */
  defaultLanguage: z.enum(LANGUAGES),
  /** The card-language choices of the search command, each in its own language. */
  languageNames: z.strictObject(Object.fromEntries(LANGUAGES.map((l) => [l, z.string().min(1).max(128)])) as Record<(typeof LANGUAGES)[number], z.ZodString>),
  developer: z.strictObject({ name: z.string().min(1).max(32), websiteUrl: https, privacyUrl: https, termsOfUseUrl: https }),
  text: z
    .record(z.enum(LANGUAGES), text)
    .refine((t) => LANGUAGES.every((l) => t[l]), `needs a block for each of ${LANGUAGES.join(', ')}`),
});

export type TeamsApp = z.output<typeof teamsAppSchema>;

/** Reads teams/app.yaml, naming the file and field of any problem. */
export async function loadTeamsApp(file: string): Promise<TeamsApp> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    throw new ContentError([`${file}: missing (the Teams app's names and texts)`]);
  }
  return parseYaml(file, source, teamsAppSchema);
}

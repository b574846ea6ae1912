import { readFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../support/run-script.js';

const BOT_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const require = createRequire(import.meta.url);

/** Microsoft's own Teams schemas (draft-04), shipped by @microsoft/app-manifest: no network needed. */
async function teamsSchema(name: string): Promise<object> {
  const root = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return JSON.parse(await readFile(path.join(root, 'build/json-schemas/teams/v1.22', name), 'utf8')) as object;
}

// Both are CommonJS modules whose default export sits on `.default` under NodeNext resolution.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

function validator(schema: object) {
  // Some of Microsoft's patterns are not valid in Unicode mode (a bare ']'): compile them as the schema's authors do.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

let out: string;
let files: Record<string, Uint8Array>;
beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'sportello-teams-'));
  const result = await runScript('teams:package', { env: { MicrosoftAppId: BOT_ID, TEAMS_APP_ID: '', PUBLIC_URL: 'https://bot.example.com' }, args: ['--out', out] });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const [zip] = await readdir(out);
  files = unzipSync(await readFile(path.join(out, zip!)));
}, 60_000);
afterAll(() => rm(out, { recursive: true, force: true }));

const json = (name: string) => JSON.parse(new TextDecoder().decode(files[name])) as Record<string, unknown> & { bots: Array<{ botId: string }> };

describe('npm run teams:package', () => {
  it('builds a manifest that validates against the Teams 1.22 schema', async () => {
    const validate = validator(await teamsSchema('MicrosoftTeams.schema.json'));
    const manifest = json('manifest.json');
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(manifest.manifestVersion).toBe('1.22');
  });

  it('puts the bot id from MicrosoftAppId in the bot and the search command, and PUBLIC_URL in validDomains', () => {
    const manifest = json('manifest.json') as unknown as { id: string; bots: Array<{ botId: string }>; composeExtensions: Array<{ botId: string; commands: Array<{ id: string; type: string }> }>; validDomains: string[] };
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(manifest.composeExtensions[0]!.botId).toBe(BOT_ID);
    expect(manifest.composeExtensions[0]!.commands[0]).toMatchObject({ id: 'searchKnowledge', type: 'query' });
    expect(manifest.validDomains).toEqual(['bot.example.com']);
  });

  it('carries the app in the other three languages as valid localization files', async () => {
    const validate = validator(await teamsSchema('MicrosoftTeams.Localization.schema.json'));
    for (const language of ['it', 'fr', 'de']) {
      const file = json(`${language}.json`);
      expect(validate(file), `${language}.json: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(file['composeExtensions[0].commands[0].title']).toBeTruthy();
    }
  });

  it('has a 192×192 colour icon and a 32×32 outline icon, white on transparent', () => {
    const color = PNG.sync.read(Buffer.from(files['color.png']!));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(Buffer.from(files['outline.png']!));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) transparent++;
      else expect(Math.min(r!, g!, b!), `pixel ${i / 4} is not white`).toBeGreaterThanOrEqual(250);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
  });

  it('refuses to build without MicrosoftAppId, saying what to set', async () => {
    const result = await runScript('teams:package', { env: { MicrosoftAppId: '' }, args: ['--out', out] });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('MicrosoftAppId is not set');
    expect(result.stderr).toContain('--placeholder');
  });
});

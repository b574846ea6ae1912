import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import type { CommandVocabulary } from '../../src/understanding/commands.js';
import { decode, encode } from '../../src/understanding/model-cache.js';
import { trainUnderstander, type Understander } from '../../src/understanding/understander.js';
import { projectContent } from '../support/content.js';

let kb: KnowledgeBase;
let commands: CommandVocabulary;
let cold: Understander;
beforeAll(async () => {
  const content = await projectContent();
  kb = content.kb;
  commands = content.locales.input;
  cold = await trainUnderstander(kb, commands);
});

const folder = () => mkdtempSync(path.join(tmpdir(), 'model-cache-'));
// A different list length makes a different understander for the in-process memo, not for the files.
let fresh = 6;
const train = (dir: string, warnings: string[] = []) => trainUnderstander(kb, commands, { cacheDir: dir, maxCandidates: fresh++, warn: (m) => warnings.push(m) });

const messages = ['come disattivo la doppia autenticazione?', 'dove trovo il codce di supprto', 'where is my support code', 'changer l’adresse e-mail de récupération', 'Newsletter abbestellen', 'ordina una pizza'];
const answers = (u: Understander) => messages.map((m) => u.understand(m, { fallback: 'it' })).map(({ intent, decision, confidence, candidates }) => ({ intent, decision, confidence, candidates: candidates.slice(0, 5) }));
const keyOf = (bytes: Buffer) => (JSON.parse(bytes.subarray(4, 4 + bytes.readUInt32LE(0)).toString('utf8')) as { key: string }).key;
const modelFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('model-')).sort();

describe('the model cache', () => {
  it('keeps each language’s model for the next start, which answers exactly as a cold start', async () => {
    const dir = folder();
    const warnings: string[] = [];
    const first = await train(dir, warnings);
    expect(modelFiles(dir)).toEqual(['model-de.bin', 'model-en.bin', 'model-fr.bin', 'model-it.bin']);
    const second = await train(dir, warnings);
    expect(warnings).toEqual([]);
    expect(answers(first)).toEqual(answers(cold));
    expect(answers(second)).toEqual(answers(cold));
  }, 120_000);

  // Changed in the files, each part changes the answers: the next start reads it instead of
  // fitting the weights or cutting the texts again.
  const rewritten = async (change: (snapshot: Exclude<ReturnType<typeof decode>, string>) => void) => {
    const dir = folder();
    await train(dir);
    for (const name of modelFiles(dir)) {
      const bytes = readFileSync(path.join(dir, name));
      const snapshot = decode(bytes, keyOf(bytes));
      if (typeof snapshot === 'string') throw new Error(snapshot);
      change(snapshot);
      writeFileSync(path.join(dir, name), encode(snapshot, keyOf(bytes)));
    }
    return answers(await train(dir));
  };

  it('is what the next start reads, instead of fitting the model', async () => {
    expect(await rewritten((s) => s.weights.weights.fill(0))).not.toEqual(answers(cold));
  }, 120_000);

  it('is what the next start reads, instead of cutting the texts again', async () => {
    expect(await rewritten((s) => s.model.nearest.norms.fill(1e6))).not.toEqual(answers(cold));
    expect(await rewritten((s) => (s.model.spelling = []))).not.toEqual(answers(cold));
  }, 120_000);

  it('ignores a file cut short, with a warning, and trains as without it', async () => {
    const dir = folder();
    await train(dir);
    const file = path.join(dir, 'model-it.bin');
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    const warnings: string[] = [];
    expect(answers(await train(dir, warnings))).toEqual(answers(cold));
    expect(warnings).toEqual([expect.stringMatching(/model-it\.bin: cut short; ignored/)]);
  }, 120_000);

  it('ignores a damaged file, with a warning, and trains as without it', async () => {
    const dir = folder();
    await train(dir);
    const file = path.join(dir, 'model-fr.bin');
    const bytes = readFileSync(file);
    bytes[bytes.length - 5]! ^= 0xff;
    writeFileSync(file, bytes);
    const warnings: string[] = [];
    expect(answers(await train(dir, warnings))).toEqual(answers(cold));
    expect(warnings).toEqual([expect.stringMatching(/model-fr\.bin: damaged; ignored/)]);
  }, 120_000);

});

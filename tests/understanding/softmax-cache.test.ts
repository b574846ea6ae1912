import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import type { CommandVocabulary } from '../../src/understanding/commands.js';
import { decode, encode } from '../../src/understanding/softmax-cache.js';
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

const folder = () => mkdtempSync(path.join(tmpdir(), 'softmax-cache-'));
// A different list length makes a different understander for the in-process memo, not for the files.
let fresh = 6;
const train = (dir: string, warnings: string[] = []) => trainUnderstander(kb, commands, { cacheDir: dir, maxCandidates: fresh++, warn: (m) => warnings.push(m) });

const messages = ['come disattivo la doppia autenticazione?', 'where is my support code', 'changer l’adresse e-mail de récupération', 'Newsletter abbestellen', 'ordina una pizza'];
const answers = (u: Understander) => messages.map((m) => u.understand(m, { fallback: 'it' })).map(({ intent, decision, confidence, candidates }) => ({ intent, decision, confidence, candidates: candidates.slice(0, 5) }));
const keyOf = (bytes: Buffer) => (JSON.parse(bytes.subarray(4, 4 + bytes.readUInt32LE(0)).toString('utf8')) as { key: string }).key;

describe('the model cache', () => {
  it('keeps each language’s model for the next start, which answers exactly as a cold start', async () => {
    const dir = folder();
    const warnings: string[] = [];
    const first = await train(dir, warnings);
    expect(readdirSync(dir).filter((f) => f.startsWith('softmax-')).sort()).toEqual(['softmax-de.bin', 'softmax-en.bin', 'softmax-fr.bin', 'softmax-it.bin']);
    const second = await train(dir, warnings);
    expect(warnings).toEqual([]);
    expect(answers(first)).toEqual(answers(cold));
    expect(answers(second)).toEqual(answers(cold));
  }, 120_000);

  it('is what the next start reads, instead of fitting the model', async () => {
    const dir = folder();
    await train(dir);
    for (const name of readdirSync(dir).filter((f) => f.startsWith('softmax-'))) {
      const bytes = readFileSync(path.join(dir, name));
      const weights = decode(bytes, keyOf(bytes));
      if (typeof weights === 'string') throw new Error(weights);
      weights.weights.fill(0);
      writeFileSync(path.join(dir, name), encode(weights, keyOf(bytes)));
    }
    expect(answers(await train(dir))).not.toEqual(answers(cold));
  }, 120_000);

  it('ignores a file cut short, with a warning, and trains as without it', async () => {
    const dir = folder();
    await train(dir);
    const file = path.join(dir, 'softmax-it.bin');
    writeFileSync(file, readFileSync(file).subarray(0, 2000));
    const warnings: string[] = [];
    expect(answers(await train(dir, warnings))).toEqual(answers(cold));
    expect(warnings).toEqual([expect.stringMatching(/softmax-it\.bin: cut short; ignored/)]);
  }, 120_000);

  it('keeps every array exactly through a file', () => {
    const weights = { classes: 3, epochs: 5, offsets: Int32Array.of(0, 2, 3), classOf: Int32Array.of(0, 2, 1), weights: Float32Array.of(0.1, -2.5, 1e-7), bias: Float64Array.of(0.1, 0.2, Math.PI), sumExpBias: 1 / 3 };
    expect(decode(encode(weights, 'k'), 'k')).toEqual(weights);
    expect(decode(encode({ ...weights, classOf: undefined, offsets: Int32Array.of(0, 3) }, 'k'), 'k')).toEqual({ ...weights, classOf: undefined, offsets: Int32Array.of(0, 3) });
    expect(decode(encode(weights, 'k'), 'other')).toMatch(/other content/);
  });
});

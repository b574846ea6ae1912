import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/understanding/model-cache.js';
import type { Understander } from '../../src/understanding/understander.js';
import { cachedTraining } from '../support/cached-training.js';

const caches = cachedTraining('model-cache');
const { folder } = caches;
const train = (dir: string, warnings: string[] = []) => caches.train(dir, undefined, warnings);

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
    expect(answers(first)).toEqual(answers(caches.cold));
    expect(answers(second)).toEqual(answers(caches.cold));
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
    expect(await rewritten((s) => s.weights.weights.fill(0))).not.toEqual(answers(caches.cold));
  }, 120_000);

  it('is what the next start reads, instead of cutting the texts again', async () => {
    expect(await rewritten((s) => s.model.nearest.norms.fill(1e6))).not.toEqual(answers(caches.cold));
    expect(await rewritten((s) => (s.model.spelling = []))).not.toEqual(answers(caches.cold));
  }, 120_000);

  const spoilt = {
    'cut short': (bytes: Buffer) => bytes.subarray(0, bytes.length - 100),
    damaged: (bytes: Buffer) => {
      bytes[bytes.length - 5]! ^= 0xff;
      return bytes;
    },
  };
  it.each(Object.entries(spoilt))('ignores a file %s, with a warning, and trains as without it', async (what, spoil) => {
    const dir = folder();
    await train(dir);
    const file = path.join(dir, 'model-it.bin');
    writeFileSync(file, spoil(readFileSync(file)));
    const warnings: string[] = [];
    expect(answers(await train(dir, warnings))).toEqual(answers(caches.cold));
    expect(warnings).toEqual([expect.stringContaining(`model-it.bin: ${what}; ignored`)]);
  }, 120_000);

});

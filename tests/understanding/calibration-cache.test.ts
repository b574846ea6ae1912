import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/model.js';
import { defaultCalibrationOptions } from '../../src/understanding/calibrate.js';
import { calibrationCache } from '../../src/understanding/calibration-cache.js';
import type { CommandVocabulary } from '../../src/understanding/commands.js';
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

const folder = () => mkdtempSync(path.join(tmpdir(), 'calibration-cache-'));
const cacheFile = (dir: string) => path.join(dir, 'calibration.json');
// A different list length makes a different understander for the in-process memo, not for the file.
let fresh = 6;
const train = (dir: string, base = kb, warnings: string[] = []) =>
  trainUnderstander(base, commands, { cacheDir: dir, maxCandidates: fresh++, warn: (m) => warnings.push(m) });

describe('the calibration cache', () => {
  it('keeps the cross-validation for the next start, which fits the same decision from it', async () => {
    const dir = folder();
    const warnings: string[] = [];
    const first = await train(dir, kb, warnings);
    const second = await train(dir, kb, warnings);
    expect(warnings).toEqual([]);
    expect(first.heldOut).toEqual(cold.heldOut);
    expect(second.heldOut).toEqual(cold.heldOut);
    expect(second.decisionModel).toEqual(cold.decisionModel);
  }, 120_000);

  it('is what the next start reads, instead of cross-validating', async () => {
    const dir = folder();
    await train(dir);
    const file = JSON.parse(readFileSync(cacheFile(dir), 'utf8')) as { heldOut: Array<{ got: string }> };
    file.heldOut = file.heldOut.slice(0, 40);
    writeFileSync(cacheFile(dir), JSON.stringify(file));
    expect((await train(dir)).heldOut).toHaveLength(40);
  }, 120_000);

  it('is ignored, with a warning, once the knowledge changed, and rewritten', async () => {
    const dir = folder();
    await train(dir);
    const [first, ...others] = [...kb.entries.values()];
    const edited = createKnowledgeBase([{ ...first!, text: { ...first!.text, en: { ...first!.text.en, questions: [...first!.text.en.questions, 'where do I read my support code on the invoice?'] } } }, ...others], kb.outOfScope);
    const warnings: string[] = [];
    const changed = await train(dir, edited, warnings);
    expect(warnings).toEqual([expect.stringMatching(/other content or other training code; ignored/)]);
    expect(changed.heldOut).not.toEqual(cold.heldOut);
    const again: string[] = [];
    expect((await train(dir, edited, again)).heldOut).toEqual(changed.heldOut);
    expect(again).toEqual([]);
  }, 120_000);

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length / 2)],
    ['of another shape', () => JSON.stringify({ format: 1, key: 'x', heldOut: [{ text: 1 }] })],
  ])('ignores a file %s, with a warning, and trains as without it', async (_, spoil) => {
    const dir = folder();
    await train(dir);
    writeFileSync(cacheFile(dir), spoil(readFileSync(cacheFile(dir), 'utf8')));
    const warnings: string[] = [];
    expect((await train(dir, kb, warnings)).heldOut).toEqual(cold.heldOut);
    expect(warnings).toEqual([expect.stringMatching(/calibration\.json: not a calibration cache .*ignored/)]);
  }, 120_000);

  it('keeps features that are not finite numbers (JSON has none)', async () => {
    const cache = calibrationCache(folder(), [], defaultCalibrationOptions, (m) => expect.fail(m));
    const heldOut = [{ ...cold.heldOut[0]!, features: [NaN, Infinity, -Infinity, 0.5] }];
    await cache.write(heldOut);
    expect(await cache.read()).toEqual(heldOut);
  });

  it('trains on when the folder cannot be written', async () => {
    const blocked = path.join(folder(), 'a-file');
    writeFileSync(blocked, '');
    const warnings: string[] = [];
    expect((await train(path.join(blocked, 'cache'), kb, warnings)).heldOut).toEqual(cold.heldOut);
    expect(warnings).toContainEqual(expect.stringMatching(/cannot write the calibration cache .*the next start trains again/));
  }, 120_000);
});

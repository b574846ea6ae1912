import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../src/knowledge/model.js';
import { defaultCalibrationOptions } from '../../src/understanding/calibrate.js';
import { calibrationCache } from '../../src/understanding/calibration-cache.js';
import { cachedTraining } from '../support/cached-training.js';

const caches = cachedTraining('calibration-cache');
const { folder, train } = caches;
const cacheFile = (dir: string) => path.join(dir, 'calibration.json');

describe('the calibration cache', () => {
  it('keeps the cross-validation for the next start, which fits the same decision from it', async () => {
    const dir = folder();
    const warnings: string[] = [];
    const first = await train(dir, undefined, warnings);
    const second = await train(dir, undefined, warnings);
    expect(warnings).toEqual([]);
    expect(first.heldOut).toEqual(caches.cold.heldOut);
    expect(second.heldOut).toEqual(caches.cold.heldOut);
    expect(second.decisionModel).toEqual(caches.cold.decisionModel);
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
    const [first, ...others] = [...caches.kb.entries.values()];
    const edited = createKnowledgeBase([{ ...first!, text: { ...first!.text, en: { ...first!.text.en, questions: [...first!.text.en.questions, 'where do I read my support code on the invoice?'] } } }, ...others], caches.kb.outOfScope);
    const warnings: string[] = [];
    const changed = await train(dir, edited, warnings);
    expect(warnings).toEqual([expect.stringMatching(/other content or other training code .*; ignored/)]);
    expect(changed.heldOut).not.toEqual(caches.cold.heldOut);
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
    expect((await train(dir, undefined, warnings)).heldOut).toEqual(caches.cold.heldOut);
    expect(warnings).toEqual([expect.stringMatching(/calibration\.json: not a calibration cache .*ignored/)]);
  }, 120_000);

  it('keeps features that are not finite numbers (JSON has none)', async () => {
    const cache = calibrationCache(folder(), [], defaultCalibrationOptions, (m) => expect.fail(m));
    const heldOut = [{ ...caches.cold.heldOut[0]!, features: [NaN, Infinity, -Infinity, 0.5] }];
    await cache.write(heldOut);
    expect(await cache.read()).toEqual(heldOut);
  });

  it('trains on when the folder cannot be written', async () => {
    const blocked = path.join(folder(), 'a-file');
    writeFileSync(blocked, '');
    const warnings: string[] = [];
    expect((await train(path.join(blocked, 'cache'), undefined, warnings)).heldOut).toEqual(caches.cold.heldOut);
    expect(warnings).toContainEqual(expect.stringMatching(/cannot write the calibration cache .*the next start trains again/));
  }, 120_000);
});

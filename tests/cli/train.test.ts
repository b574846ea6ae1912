import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/run-script.js';

describe('npm run train', () => {
  it('refuses to train with no folder to keep the result in', async () => {
    const result = await runScript('train', { env: { CALIBRATION_CACHE_DIR: '' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/CALIBRATION_CACHE_DIR is empty/);
  }, 120_000);

  it('keeps the calibration and every language’s model, which the next run finds current', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'train-cli-'));
    const first = await runScript('train', { env: { CALIBRATION_CACHE_DIR: dir } });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Trained on \d+ entries/);
    expect(readdirSync(dir).sort()).toEqual(['calibration.json', 'model-de.bin', 'model-en.bin', 'model-fr.bin', 'model-it.bin']);
    const second = await runScript('train', { env: { CALIBRATION_CACHE_DIR: dir } });
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
  }, 180_000);
});

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../support/run-script.js';

/** Runs the Microsoft 365 Agents Toolkit CLI of node_modules (a devDependency); no network is needed for `validate --manifest-file`. */
function atk(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/atk'), args, { cwd, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sportello-atk-'));
  const built = await runScript('teams:package', { args: ['--placeholder', '--out', dir], env: { MicrosoftAppId: '' } });
  expect(built.code, built.stderr).toBe(0);
  const [zip] = (await readdir(dir)).filter((f) => f.endsWith('.zip'));
  // --manifest-file reads the manifest and the icons and localization files next to it, as the zip holds them.
  for (const [name, bytes] of Object.entries(unzipSync(await readFile(path.join(dir, zip!))))) await writeFile(path.join(dir, name), bytes);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the Teams package, checked by Microsoft’s own tool', () => {
  it('passes atk validate --manifest-file (Microsoft 365 Agents Toolkit), schema and validation rules', async () => {
    const { code, output } = await atk(['validate', '--manifest-file', path.join(dir, 'manifest.json'), '--telemetry', 'false', '--interactive', 'false'], dir);
    expect(output).toContain('All passed');
    expect(output).not.toMatch(/error|failed/i);
    expect(code, output).toBe(0);
  }, 180_000);
});

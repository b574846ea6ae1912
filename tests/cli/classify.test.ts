import { describe, expect, it } from 'vitest';
import { runScript } from '../support/run-script.js';

// Each test runs the CLI in a process of its own (loading the content, training): on two busy
// cores that can take longer than vitest's default 30 s.
describe('npm run classify', { timeout: 180_000 }, () => {
  it('answers each JSON line with one JSON line in the DESIGN.md contract', async () => {
    const input = [
      { text: 'vorrei disattivare la doppia autenticazione', locale: 'it' },
      { text: 'how do I stop your newsletters?' },
      { text: 'raconte-moi une blague' },
    ].map((l) => JSON.stringify(l)).join('\n');
    const result = await runScript('classify', { input });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ text: 'vorrei disattivare la doppia autenticazione', intent: '2fa-disable', decision: 'answer', locale: 'it' });
    expect(lines[1]).toMatchObject({ intent: 'newsletter', locale: 'en' });
    expect(lines[2]).toMatchObject({ intent: 'none', decision: 'none', locale: 'fr' });
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['text', 'intent', 'decision', 'confidence', 'locale', 'candidates']));
      expect(line.confidence).toBeGreaterThanOrEqual(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
      expect(line.candidates[0]).toEqual({ intent: expect.any(String), score: expect.any(Number) });
    }
  });

  it('keeps output aligned with input when a line is not valid', async () => {
    const result = await runScript('classify', { input: 'not json\n{"nope": 1}\n{"text": "kSuite upgrade"}\n' });
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].error).toBeDefined();
    expect(lines[1].error).toBeDefined();
    expect(lines[2].intent).toBe('ksuite-offer');
  });
});

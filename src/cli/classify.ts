import { createInterface } from 'node:readline';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { languageOf } from '../content/languages.js';
import { loadUnderstandingContent } from '../content/load-content.js';
import { createUnderstander } from '../understanding/understander.js';
import { runCli } from './run-cli.js';

/**
 * `npm run --silent classify`: one JSON line in ({"text", "locale"?}), one JSON line out, as
 * DESIGN.md's contract says. A line that is not valid input gets an {"error"} line, so the
 * output stays aligned with the input.
 */
const inputLine = z.object({ text: z.string(), locale: z.string().optional() });

await runCli(async () => {
  const config = loadConfig();
  const content = await loadUnderstandingContent(config);
  const understander = createUnderstander(content.kb, content.locales.input);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      process.stdout.write(`${JSON.stringify({ error: 'not a JSON line', line })}\n`);
      continue;
    }
    const parsed = inputLine.safeParse(json);
    if (!parsed.success) {
      process.stdout.write(`${JSON.stringify({ error: 'expected {"text": string, "locale"?: string}', line })}\n`);
      continue;
    }
    const { text, locale } = parsed.data;
    const u = understander.understand(text, { hint: languageOf(locale), fallback: config.defaultLocale });
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const output = {
      text,
      intent: u.intent,
      decision: u.decision,
      confidence: round(u.confidence),
      locale: u.language,
      candidates: u.candidates.map((c) => ({ intent: c.intent, score: round(c.score) })),
      ...(u.command ? { command: u.command } : {}),
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
  }
});

import { z } from 'zod';
import { LANGUAGES, type Language } from '../content/languages.js';
import { collectProblems, parseYaml } from '../content/yaml-file.js';
import { readLocaleFile } from '../i18n/locale-files.js';
import { normalise } from '../understanding/normalise.js';

/**
 * locales/<lang>/handoff.yaml: what agents type in Teams to steer hand-offs, and what a
 * support code is called (so the case can tell it). Customers' "I want a person" words are
 * commands, in input.yaml.
 */
export const HANDOFF_WORDS = 'handoff.yaml';

const words = z.array(z.string().trim().min(1)).min(1, 'needs at least one phrase');
const schema = z.strictObject({
  version: z.literal(1),
  /** Names of the support code: the code-shaped word a few words after one is noted with the case. */
  supportCode: words,
  agents: z.strictObject({
    /** "@Sportello use this channel for hand-offs" */
    useChannel: words,
    /** "@Sportello tickets" */
    tickets: words,
    /** Typed in a case's thread: ends the conversation with the customer. */
    close: words,
  }),
});

export type HandoffWords = z.output<typeof schema>;
export type AgentCommand = keyof HandoffWords['agents'];

export async function loadHandoffWords(dir: string): Promise<Record<Language, HandoffWords>> {
  const files = await Promise.all(LANGUAGES.map((l) => readLocaleFile(dir, l, HANDOFF_WORDS)));
  const parsed = collectProblems(files, (file, text) => parseYaml(file, text, schema));
  return Object.fromEntries(LANGUAGES.map((l, i) => [l, parsed[i]!])) as Record<Language, HandoffWords>;
}

// A code is letters and digits with at least one digit, a few words after its name.
const CODE = /^(?=[a-z]*\d)[a-z0-9-]{4,16}$/i;
const WORDS_BEFORE_CODE = 4;

/** Reads agent commands in any language, and support codes in customer messages. */
export function createHandoffReader(vocabulary: Record<Language, HandoffWords>) {
  const all = LANGUAGES.map((l) => vocabulary[l]);
  const agentPhrases = (['useChannel', 'tickets', 'close'] as const).map((command) => ({
    command,
    phrases: new Set(all.flatMap((v) => v.agents[command]).map((p) => normalise(p))),
    raw: new Set(all.flatMap((v) => v.agents[command]).map((p) => p.trim().toLowerCase())),
  }));
  const codeNames = all.flatMap((v) => v.supportCode).map((p) => normalise(p).split(' '));

  return {
    /** The agent command a (mention-stripped) message is, if it is one: the whole message, as written or normalised. */
    agentCommand(text: string): AgentCommand | undefined {
      const raw = text.trim().toLowerCase();
      const normalised = normalise(text);
      return agentPhrases.find((a) => a.raw.has(raw) || (normalised && a.phrases.has(normalised)))?.command;
    },
    /** The support code the customer typed ("my support code is 48213"), if any. */
    supportCode(text: string): string | undefined {
      // Every code has a digit: most messages have none, and need not be split into words.
      if (!/\d/.test(text)) return undefined;
      // Words as normalised ("Support-Code" is two), each with the whitespace-separated token it came from.
      const tokens = text.split(/\s+/).flatMap((token) => {
        const raw = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
        return normalise(token)
          .split(' ')
          .filter(Boolean)
          .map((word) => ({ raw, word }));
      });
      for (const name of codeNames) {
        for (let i = 0; i + name.length <= tokens.length; i++) {
          if (!name.every((w, k) => tokens[i + k]!.word === w)) continue;
          const after = tokens.slice(i + name.length, i + name.length + WORDS_BEFORE_CODE);
          const code = after.find((t) => CODE.test(t.raw));
          if (code) return code.raw;
        }
      }
      return undefined;
    },
  };
}

export type HandoffReader = ReturnType<typeof createHandoffReader>;

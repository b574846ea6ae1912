import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { LabelledMessage } from '../src/evaluation/labelled-set.js';

/**
 * CLINC150 (../shared/data/clinc150 next to the checkout; a worktree sits one level deeper):
 * 150 intents, English, plus out-of-scope messages. CLINC150_DIR names another place.
 */
export const CLINC_DIR =
  process.env.CLINC150_DIR ??
  [path.join('..', 'shared', 'data', 'clinc150'), path.join('..', '..', 'shared', 'data', 'clinc150')].find((d) => existsSync(d)) ??
  path.join('..', 'shared', 'data', 'clinc150');

export interface ClincExample {
  intent: string;
  text: string;
}

/** Reads one `intent<TAB>text` file (`oos` is written `none`). */
export async function readClinc(file: string, dir = CLINC_DIR): Promise<ClincExample[]> {
  const text = await readFile(path.join(dir, file), 'utf8');
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [intent, ...rest] = line.split('\t');
      return { intent: intent!.trim(), text: rest.join('\t').trim() };
    });
}

/**
 * The 30 intents of CLINC150's banking and credit-card domains (Larson et al. 2019, Table 5):
 * a fine-grained customer-support set where intents share most of their words.
 */
export const SUPPORT_INTENTS = [
  'transfer', 'transactions', 'balance', 'freeze_account', 'pay_bill', 'bill_balance', 'bill_due', 'interest_rate', 'routing',
  'min_payment', 'order_checks', 'pin_change', 'report_fraud', 'account_blocked', 'spending_history',
  'credit_score', 'report_lost_card', 'credit_limit', 'rewards_balance', 'new_card', 'application_status', 'card_declined',
  'international_fees', 'apr', 'redeem_rewards', 'credit_limit_change', 'damaged_card', 'replacement_card_duration',
  'improve_credit_score', 'expiration_date',
];

/** "credit_limit_change" → "Credit limit change": the entry's title, as a help centre would have one. */
const titleOf = (intent: string) => intent.charAt(0).toUpperCase() + intent.slice(1).replace(/_/g, ' ');

/**
 * Writes a knowledge folder as an author would: one YAML file per intent (English only, its
 * title, its first `perIntent` training examples as questions, the title as the answer's
 * summary), and `_out-of-scope.yaml` from the given out-of-scope training messages.
 */
export async function writeClincKnowledge(dir: string, train: ClincExample[], perIntent: number, outOfScope: string[]): Promise<number> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const byIntent = new Map<string, string[]>();
  // The loader refuses a question claimed by two entries; CLINC has a few such duplicates.
  const seen = new Set<string>();
  for (const { intent, text } of train) {
    if (intent === 'none') continue;
    const list = byIntent.get(intent) ?? [];
    const key = text.toLowerCase().trim();
    if (list.length < perIntent && !seen.has(key)) list.push(text), seen.add(key);
    byIntent.set(intent, list);
  }
  for (const [intent, questions] of byIntent) {
    const id = intent.replace(/_/g, '-');
    const title = titleOf(intent);
    await writeFile(path.join(dir, `${id}.yaml`), stringify({ version: 1, id, en: { title, questions, answer: { summary: `${title}.` } } }));
  }
  await writeFile(path.join(dir, '_out-of-scope.yaml'), stringify({ version: 1, en: outOfScope }));
  return byIntent.size;
}

/** Labelled messages with our ids (`credit-limit-change`, `none`). */
export const asLabelled = (examples: ClincExample[], source: string): LabelledMessage[] =>
  examples.map((e, i) => ({ expected: e.intent === 'none' ? 'none' : e.intent.replace(/_/g, '-'), language: 'en', text: e.text, source: `${source}:${i + 1}` }));

/** A fresh folder under the system's temporary directory. */
export const clincFolder = (name: string) => path.join(tmpdir(), `sportello-clinc150-${name}`);

import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { evaluate, type EvaluationReport } from '../../src/evaluation/evaluate.js';
import { readLabelledSet, type LabelledMessage } from '../../src/evaluation/labelled-set.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { createUnderstander, type Understander } from '../../src/understanding/understander.js';
import { projectContent } from '../support/content.js';
import { copyOf } from '../support/temp-content.js';

// Issue 12: one new entry (four languages, written as the README says) once moved the other
// entries' held-out accuracy from 95% to 75%. The decision is learnt from the base at start, so
// a new entry must cost the others at most one point.
const FIXTURE = 'tests/understanding/fixtures/dns-records.yaml';
let before: EvaluationReport;
let after: EvaluationReport;
let grown: Understander;
let inScope: LabelledMessage[];

const reportOf = (understander: Understander, messages: LabelledMessage[]) =>
  evaluate(messages, (m) => {
    const u = understander.understand(m.text, { hint: m.language, fallback: 'it' });
    return { intent: u.intent, decision: u.decision, language: u.language };
  });

beforeAll(async () => {
  const content = await projectContent();
  const dir = await copyOf('knowledge');
  await copyFile(FIXTURE, path.join(dir, path.basename(FIXTURE)));
  const kb: KnowledgeBase = await loadKnowledge(dir);
  inScope = (await readLabelledSet('tests/eval/heldout.tsv')).filter((m) => m.expected !== 'none');
  grown = createUnderstander(kb, content.locales.input);
  before = reportOf(createUnderstander(content.kb, content.locales.input), inScope);
  after = reportOf(grown, inScope);
}, 120_000);

describe('a new entry in four languages', () => {
  it('is learnt: its own topic is answered by it, in every language', () => {
    const asked = { it: 'devo aggiungere un record MX nella zona DNS', en: 'I need to add a CNAME record to my DNS zone', fr: 'ajouter un enregistrement TXT dans la zone DNS', de: 'wie lege ich einen neuen MX-Eintrag in der DNS-Zone an?' } as const;
    for (const language of LANGUAGES) expect(grown.understand(asked[language], { hint: language, fallback: 'it' }).intent).toBe('dns-records');
  });
  it('costs the other entries at most one point of held-out in-scope accuracy', () => {
    expect(inScope.length).toBeGreaterThanOrEqual(100);
    expect(after.inScopeAccuracy.all).toBeGreaterThanOrEqual(before.inScopeAccuracy.all - 0.01);
  });
});

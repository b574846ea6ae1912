import { z } from 'zod';
import { ENTRY_ID } from '../knowledge/schema.js';

const text = z.string().trim().min(1, 'must not be empty');
/** Every text a customer sees, in all four languages. */
export const texts = z.strictObject({ it: text, en: text, fr: text, de: text });
const phrases = z.array(text).min(1);

const choice = z.strictObject({
  label: texts,
  /** The common yes / no / don't-know words of every language select this choice. */
  means: z.enum(['yes', 'no', 'unsure']).optional(),
  says: z.strictObject({ it: phrases, en: phrases, fr: phrases, de: phrases }).optional(),
  next: z.string().regex(ENTRY_ID, 'must be a node id'),
});

const question = z.strictObject({ type: z.literal('question'), text: texts, choices: z.array(choice).min(2, 'needs at least 2 choices').max(4, 'has more than 4 choices') });
const info = z.strictObject({ type: z.literal('info'), text: texts, next: z.string().regex(ENTRY_ID) });
const end = z.strictObject({ type: z.literal('end'), text: texts });
const handoff = z.strictObject({ type: z.literal('handoff'), text: texts });
const entry = z.strictObject({ type: z.literal('entry'), entry: z.string().regex(ENTRY_ID), text: texts.optional(), next: z.string().regex(ENTRY_ID).optional() });

export const nodeSchema = z.discriminatedUnion('type', [question, info, end, handoff, entry]);

export const treeSchema = z.strictObject({
  version: z.literal(1),
  id: z.string().regex(ENTRY_ID, 'must be lowercase-kebab-case'),
  entry: z.string().regex(ENTRY_ID, 'must be a knowledge entry id'),
  title: texts,
  start: z.string().regex(ENTRY_ID),
  nodes: z.record(z.string().regex(ENTRY_ID, 'node ids must be lowercase-kebab-case'), nodeSchema),
});

export type Texts = z.output<typeof texts>;
export type TreeNode = z.output<typeof nodeSchema>;
export type QuestionNode = z.output<typeof question>;
export type Choice = z.output<typeof choice>;
export type TreeFile = z.output<typeof treeSchema>;

import { z } from 'zod';

/** The fixed entry ids of DESIGN.md: tests and evaluations rely on them. */
export const ENTRY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const text = z.string().trim().min(1, 'must not be empty');
const list = (min: number, what: string) => z.array(text).min(min, `needs at least ${min} ${what}`);

const section = z.strictObject({
  heading: text.optional(),
  text: text.optional(),
  steps: list(1, 'step').optional(),
});

const answer = z.strictObject({
  summary: text,
  sections: z.array(section).optional(),
  warnings: list(1, 'warning').optional(),
});

/** One language's side of an entry. The minimums keep the classifier fed in every language. */
const languageContent = (minQuestions: number) =>
  z.strictObject({
    title: text.max(80, 'is longer than 80 characters (it is also a button label)'),
    questions: list(minQuestions, 'example questions'),
    keywords: list(1, 'keyword'),
    answer,
  });

export const entrySchema = z.strictObject({
  version: z.literal(1),
  id: z.string().regex(ENTRY_ID, 'must be lowercase-kebab-case'),
  tree: z.string().regex(ENTRY_ID, 'must be a tree id in lowercase-kebab-case').optional(),
  related: z.array(z.string().regex(ENTRY_ID)).default([]),
  /**
   * How often customers ask this, relative to the other entries (say, its share of support
   * requests). The short topic menu shows the most asked first; without it an entry comes last.
   */
  popularity: z.number().min(0).optional(),
  it: languageContent(15),
  en: languageContent(10),
  fr: languageContent(10),
  de: languageContent(10),
});

/** Messages no entry answers, written by us: evidence for the `none` decision. */
export const outOfScopeSchema = z.strictObject({
  version: z.literal(1),
  it: list(1, 'example'),
  en: list(1, 'example'),
  fr: list(1, 'example'),
  de: list(1, 'example'),
});

export type EntryFile = z.output<typeof entrySchema>;
export type OutOfScopeFile = z.output<typeof outOfScopeSchema>;

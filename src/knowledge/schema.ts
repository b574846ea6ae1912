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

/**
 * One language's side of an entry. Example questions and keywords are optional: the title and
 * the answer's own text are evidence too (`npm run kb:check` warns about thinly fed entries).
 */
const languageContent = z.strictObject({
  title: text.max(80, 'is longer than 80 characters (it is also a button label)'),
  questions: z.array(text).default([]),
  keywords: z.array(text).default([]),
  answer,
});

/** An entry gives any of the four languages, at least one. */
export const entrySchema = z
  .strictObject({
    version: z.literal(1),
    id: z.string().regex(ENTRY_ID, 'must be lowercase-kebab-case'),
    tree: z.string().regex(ENTRY_ID, 'must be a tree id in lowercase-kebab-case').optional(),
    related: z.array(z.string().regex(ENTRY_ID)).default([]),
    /**
     * How often customers ask this, relative to the other entries (say, its share of support
     * requests). The short topic menu shows the most asked first; without it an entry comes last.
     */
    popularity: z.number().min(0).optional(),
    it: languageContent.optional(),
    en: languageContent.optional(),
    fr: languageContent.optional(),
    de: languageContent.optional(),
  })
  .refine((e) => e.it || e.en || e.fr || e.de, { message: 'needs at least one language (it, en, fr or de)' });

/** Messages no entry answers, written by us: evidence for the `none` decision. */
export const outOfScopeSchema = z.strictObject({
  version: z.literal(1),
  it: z.array(text).default([]),
  en: z.array(text).default([]),
  fr: z.array(text).default([]),
  de: z.array(text).default([]),
});

export type EntryFile = z.output<typeof entrySchema>;
export type OutOfScopeFile = z.output<typeof outOfScopeSchema>;

import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/content/languages.js';
import { trainNlpjs } from '../../bench/nlpjs-baseline.js';
import type { LanguageCorpus } from '../../bench/training-data.js';
import { corpusOf } from '../../bench/training-data.js';
import { trainingTexts } from '../../src/understanding/entry-texts.js';
import { projectContent } from '../support/content.js';

describe('the NLP.js baseline', () => {
  it('learns from every title, question, keyword and answer sentence of every entry, and the out-of-scope examples', async () => {
    const { kb } = await projectContent();
    const corpus = corpusOf(kb);
    const entry = kb.get('support-code')!.text.fr;
    const texts = corpus.fr.intents.find((i) => i.id === 'support-code')!.texts;
    expect(texts).toEqual(trainingTexts(entry).map((t) => t.text));
    expect(texts).toEqual(expect.arrayContaining([entry.title, ...entry.questions, ...entry.keywords]));
    expect(texts.length).toBeGreaterThan(1 + entry.questions.length + entry.keywords.length);
    expect(corpus.de.outOfScope).toEqual(kb.outOfScope.de);
  });

  it('answers with our labels: an entry id, or none where NLP.js says None', async () => {
    const tiny = (language: Language): LanguageCorpus => ({
      language,
      intents: [
        { id: 'billing', texts: ['invoice address', 'change the billing address', 'billing address of my invoice'] },
        { id: 'password', texts: ['reset my password', 'forgot the password', 'new password please'] },
      ],
      outOfScope: ['pizza recipe', 'weather tomorrow', 'tell me a joke'],
    });
    const classify = await trainNlpjs(Object.fromEntries(LANGUAGES.map((l) => [l, tiny(l)])) as Record<Language, LanguageCorpus>);
    expect(await classify('I forgot my password', 'en')).toEqual({ label: 'password', best: 'password' });
    expect((await classify('the weather tomorrow', 'en')).label).toBe('none');
  });
});

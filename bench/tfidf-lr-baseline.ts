import { NONE_LABEL } from '../src/evaluation/evaluate.js';
import { normalise } from '../src/understanding/normalise.js';
import { trainSoftmax } from '../src/understanding/softmax-regression.js';
import { fitVectorizer } from '../src/understanding/vectorizer.js';
import type { Verdict } from './nlpjs-baseline.js';
import type { LanguageCorpus } from './training-data.js';

/** Words and adjacent word pairs, as a plain TF-IDF bag of n-grams (1-2) sees them. */
const ngrams = (text: string) => {
  const words = normalise(text).split(' ').filter(Boolean);
  return [...words, ...words.slice(1).map((w, i) => `${words[i]} ${w}`)];
};

/**
 * The textbook baseline: TF-IDF over word 1-2-grams (no stemming, no stopwords, no character
 * n-grams), a multinomial logistic regression trained to convergence with every weight, and
 * the out-of-scope examples as one more class; the label is the most probable class.
 */
export function trainTfidfLr(corpus: LanguageCorpus): (text: string) => Verdict {
  const labels = [...corpus.intents.map((i) => i.id), ...(corpus.outOfScope.length > 0 ? [NONE_LABEL] : [])];
  const texts = [...corpus.intents.flatMap((i) => i.texts.map((text) => ({ text, label: labels.indexOf(i.id) }))), ...corpus.outOfScope.map((text) => ({ text, label: labels.length - 1 }))];
  const vectorizer = fitVectorizer(texts.map((t) => [ngrams(t.text)]));
  const model = trainSoftmax(
    texts.map((t) => ({ x: vectorizer.vector([ngrams(t.text)]), label: t.label, weight: 1 })),
    labels.length,
    vectorizer.size,
    { maxEpochs: 10, minEpochs: 10, workBudget: Infinity, learningRate: 0.5, l2: 1e-5, denseLimit: Infinity, seed: 1 },
  );
  return (text) => {
    const p = model.probabilities(vectorizer.vector([ngrams(text)]));
    let best = 0;
    let bestEntry = -1;
    for (let c = 0; c < p.length; c++) {
      if (p[c]! > p[best]!) best = c;
      if (labels[c] !== NONE_LABEL && (bestEntry < 0 || p[c]! > p[bestEntry]!)) bestEntry = c;
    }
    return { label: labels[best]!, best: bestEntry >= 0 ? labels[bestEntry]! : NONE_LABEL };
  };
}


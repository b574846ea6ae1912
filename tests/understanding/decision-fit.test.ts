import { describe, expect, it } from 'vitest';
import { fitDecisionModel, type HeldOut } from '../../src/understanding/calibrate.js';
import { answerFeatures, COVERAGE } from '../../src/understanding/decide.js';
import { predictLogistic } from '../../src/understanding/logistic-fit.js';

/** A held-out message whose features are all 0 but the best entry's probability and the coverage. */
function heldOut(kind: 'inScope' | 'outOfScope' | 'hidden', p1: number, coverage: number, right = false): HeldOut {
  const features = new Array<number>(12).fill(0);
  features[0] = p1;
  features[COVERAGE] = coverage;
  const expected = kind === 'inScope' ? 'a' : 'none';
  return { language: 'en', text: '', expected, got: right ? expected : 'b', top3: [], features, hidden: kind === 'hidden' };
}

describe('the answer threshold', () => {
  // 300 in-scope questions in the base's words, right from p1 0.2 up; out-of-scope examples
  // and most hidden entries' questions in words the model never saw, and unsure.
  const base = [
    ...Array.from({ length: 300 }, (_, i) => heldOut('inScope', i / 300, 0.95, i / 300 > 0.2)),
    ...Array.from({ length: 100 }, () => heldOut('outOfScope', 0.1, 0.6)),
    ...Array.from({ length: 196 }, () => heldOut('hidden', 0.1, 0.5)),
  ];

  it('keeps hidden entries\' questions in the base\'s words from being answered, though they are few', () => {
    const nearMisses = Array.from({ length: 4 }, () => heldOut('hidden', 0.885, 0.95));
    const model = fitDecisionModel([...base, ...nearMisses]);
    expect(predictLogistic(model.top1, answerFeatures(nearMisses[0]!.features))).toBeLessThan(model.answerAt);
  });

  it('still answers the sure in-scope questions when no hidden question reads like them', () => {
    const model = fitDecisionModel([...base, ...Array.from({ length: 4 }, () => heldOut('hidden', 0.1, 0.5))]);
    expect(predictLogistic(model.top1, answerFeatures(heldOut('inScope', 0.9, 0.95).features))).toBeGreaterThanOrEqual(model.answerAt);
  });
});

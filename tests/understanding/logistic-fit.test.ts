import { describe, expect, it } from 'vitest';
import { fitLogistic, predictLogistic } from '../../src/understanding/logistic-fit.js';

describe('the small logistic fit behind the decision', () => {
  // One feature, the same value for every row: the fit can only learn the share of positives.
  const rows = [[1], [1], [1], [1]];
  const targets = [true, false, false, false];
  it('learns the share of positives when every row counts once', () => {
    expect(predictLogistic(fitLogistic(rows, targets, 1e-6), [1])).toBeCloseTo(0.25, 2);
  });
  it('lets a rare kind of row count as much as a common one', () => {
    const weights = [3, 1, 1, 1];
    expect(predictLogistic(fitLogistic(rows, targets, 1e-6, 50, weights), [1])).toBeCloseTo(0.5, 2);
  });
});

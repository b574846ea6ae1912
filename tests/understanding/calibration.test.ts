import { describe, expect, it } from 'vitest';
import { calibrated, fitCalibration, reliability } from '../../src/understanding/calibration.js';

describe('confidence calibration', () => {
  it('recovers the logistic curve that generated the outcomes', () => {
    const truth = { slope: 8, intercept: -4 };
    const pairs: Array<{ raw: number; right: boolean }> = [];
    for (let i = 0; i <= 1000; i++) {
      const raw = i / 1000;
      // Deterministic outcomes with the right frequency: right in a share p of each narrow band.
      const p = calibrated(raw, truth);
      for (let k = 0; k < 20; k++) pairs.push({ raw, right: k < Math.round(p * 20) });
    }
    const fit = fitCalibration(pairs);
    expect(fit.slope).toBeCloseTo(truth.slope, 0);
    expect(fit.intercept).toBeCloseTo(truth.intercept, 0);
  });

  it('keeps probabilities strictly between 0 and 1 when the data separate perfectly', () => {
    const fit = fitCalibration([
      { raw: 0.1, right: false },
      { raw: 0.2, right: false },
      { raw: 0.8, right: true },
      { raw: 0.9, right: true },
    ]);
    expect(Number.isFinite(fit.slope)).toBe(true);
    expect(calibrated(0.95, fit)).toBeLessThan(1);
    expect(calibrated(0.05, fit)).toBeGreaterThan(0);
  });

  it('measures how far confidence is from how often it is right', () => {
    const perfect = reliability([
      { confidence: 0.95, right: true },
      { confidence: 0.05, right: false },
    ]);
    const overconfident = reliability([
      { confidence: 0.95, right: false },
      { confidence: 0.95, right: false },
    ]);
    expect(perfect.expectedCalibrationError).toBeCloseTo(0.05, 5);
    expect(overconfident.expectedCalibrationError).toBeCloseTo(0.95, 5);
  });
});

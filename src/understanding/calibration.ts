/**
 * Turns a raw score into a probability of being right (Platt scaling): a logistic curve
 * fitted on labelled messages with `npm run eval -- --calibrate`.
 */
export interface Calibration {
  slope: number;
  intercept: number;
}

export function calibrated(raw: number, calibration: Calibration): number {
  return 1 / (1 + Math.exp(-(calibration.slope * raw + calibration.intercept)));
}

/**
 * Fits a calibration to (raw score, was it right) pairs by Newton's method on the logistic
 * loss, with Platt's smoothed targets so that a perfectly separable set still gives finite numbers.
 */
export function fitCalibration(pairs: Array<{ raw: number; right: boolean }>, iterations = 100): Calibration {
  const positives = pairs.filter((p) => p.right).length;
  const negatives = pairs.length - positives;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  let slope = 1;
  let intercept = 0;
  for (let n = 0; n < iterations; n++) {
    let g0 = 0, g1 = 0, h00 = 1e-9, h01 = 0, h11 = 1e-9;
    for (const { raw, right } of pairs) {
      const p = calibrated(raw, { slope, intercept });
      const error = p - (right ? high : low);
      const w = p * (1 - p);
      g0 += error * raw;
      g1 += error;
      h00 += w * raw * raw;
      h01 += w * raw;
      h11 += w;
    }
    const det = h00 * h11 - h01 * h01;
    if (Math.abs(det) < 1e-12) break;
    const dSlope = (h11 * g0 - h01 * g1) / det;
    const dIntercept = (h00 * g1 - h01 * g0) / det;
    slope -= dSlope;
    intercept -= dIntercept;
    if (Math.abs(dSlope) + Math.abs(dIntercept) < 1e-9) break;
  }
  return { slope, intercept };
}

/** Expected calibration error and the reliability table: in each confidence band, how often right. */
export function reliability(pairs: Array<{ confidence: number; right: boolean }>, bands = 10) {
  const table = Array.from({ length: bands }, (_, i) => ({ from: i / bands, to: (i + 1) / bands, count: 0, right: 0, confidence: 0 }));
  for (const { confidence, right } of pairs) {
    const band = table[Math.min(bands - 1, Math.floor(confidence * bands))]!;
    band.count++;
    band.confidence += confidence;
    if (right) band.right++;
  }
  const error = table.reduce((sum, b) => sum + (b.count === 0 ? 0 : Math.abs(b.right / b.count - b.confidence / b.count) * b.count), 0) / Math.max(1, pairs.length);
  return { expectedCalibrationError: error, table: table.filter((b) => b.count > 0).map((b) => ({ ...b, confidence: b.confidence / b.count })) };
}

/**
 * A logistic regression over a handful of dense features, fitted by Newton's method (IRLS) with
 * a small ridge penalty, so a perfectly separable set still gives finite weights.
 */
export interface Logistic {
  weights: number[];
  bias: number;
}

export function predictLogistic(model: Logistic, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i]! * x[i]!;
  return 1 / (1 + Math.exp(-z));
}

function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r]![col]! / p;
      for (let c = col; c <= n; c++) a[r]![c]! -= factor * a[col]![c]!;
    }
  }
  return a.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/** `weights` (default 1 each) say how much each row counts: a rare class can be given the weight of a common one. */
export function fitLogistic(rows: ReadonlyArray<readonly number[]>, targets: readonly boolean[], ridge = 1e-2, iterations = 50, weights?: readonly number[]): Logistic {
  const d = (rows[0]?.length ?? 0) + 1;
  let beta = new Array<number>(d).fill(0);
  const withBias = rows.map((r) => [...r, 1]);
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    withBias.forEach((x, n) => {
      let z = 0;
      for (let i = 0; i < d; i++) z += beta[i]! * x[i]!;
      const p = 1 / (1 + Math.exp(-z));
      const count = weights?.[n] ?? 1;
      const error = count * (p - (targets[n] ? 1 : 0));
      const w = count * Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < d; i++) {
        gradient[i]! += error * x[i]!;
        for (let j = 0; j < d; j++) hessian[i]![j]! += w * x[i]! * x[j]!;
      }
    });
    for (let i = 0; i < d - 1; i++) {
      gradient[i]! += ridge * beta[i]!;
      hessian[i]![i]! += ridge;
    }
    hessian[d - 1]![d - 1]! += 1e-9;
    const step = solve(hessian, gradient);
    beta = beta.map((b, i) => b - step[i]!);
    if (step.reduce((s, v) => s + Math.abs(v), 0) < 1e-8) break;
  }
  return { weights: beta.slice(0, d - 1), bias: beta[d - 1]! };
}

import { combineScores, sigmoid, type Calibration } from '../model.ts';

export interface CalibrationRow {
  features: number[];
  correct: boolean;
}

/** Solves a small dense linear system (Gaussian elimination with partial pivoting). */
function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col] / a[col][col];
      for (let k = col; k <= n; k++) a[r][k] -= f * a[col][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = a[r][n];
    for (let k = r + 1; k < n; k++) sum -= a[r][k] * x[k];
    x[r] = sum / a[r][r];
  }
  return x;
}

/**
 * Logistic regression on a few scores (Platt scaling when there is one): the coefficients and
 * intercept maximising the likelihood of held-aside outcomes, by Newton's method.
 */
export function fitLogistic(rows: CalibrationRow[]): { coefficients: number[]; intercept: number } {
  const n = rows[0].features.length + 1;
  const beta = new Array<number>(n).fill(0);
  beta[0] = 1;
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Array<number>(n).fill(0);
    // A whisker of ridge keeps the Hessian invertible when the data are separable.
    const hessian = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1e-6 : 0)));
    for (const { features, correct } of rows) {
      const x = [...features, 1];
      const p = sigmoid(x.reduce((s, xi, i) => s + xi * beta[i], 0));
      const r = p - (correct ? 1 : 0);
      const w = Math.max(p * (1 - p), 1e-12);
      for (let i = 0; i < n; i++) {
        gradient[i] += r * x[i];
        for (let j = 0; j < n; j++) hessian[i][j] += w * x[i] * x[j];
      }
    }
    const step = solve(hessian, gradient);
    step.forEach((d, i) => (beta[i] -= d));
    if (step.reduce((s, d) => s + Math.abs(d), 0) < 1e-9) break;
  }
  return { coefficients: beta.slice(0, -1), intercept: beta[n - 1] };
}

/**
 * Lowest score such that, among labels scoring at least that much, the share that are right
 * reaches `precision`. Returns 1 when no score qualifies.
 */
export function precisionThreshold(scored: ScoredLabel[], precision: number): number {
  const sorted = [...scored].sort((a, b) => b.score - a.score);
  let right = 0;
  let threshold = 1;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].correct) right++;
    const last = i === sorted.length - 1 || sorted[i + 1].score < sorted[i].score;
    if (last && right / (i + 1) >= precision) threshold = sorted[i].score;
  }
  return threshold;
}

export interface HeldAsideLogits {
  labels: Set<number>;
  article: Float32Array;
  paragraph: Float32Array;
}

export interface ScoredLabel {
  score: number;
  correct: boolean;
}

/**
 * Fits the two Platt scalings on held-aside logits and reads the threshold off the combined scores,
 * rounded to three decimals as they are published. The paragraph route is fitted on articles that
 * have several paragraphs: elsewhere it repeats the article's.
 */
export function calibrateModel(
  rows: HeldAsideLogits[],
  targetPrecision: number,
): { calibration: Calibration; threshold: number; scored: ScoredLabel[] } {
  const platt = (feature: 'article' | 'paragraph', part: HeldAsideLogits[]) => {
    const fitted = fitLogistic(part.flatMap((row) => [...row[feature]].map((z, c) => ({ features: [z], correct: row.labels.has(c) }))));
    return { slope: fitted.coefficients[0], intercept: fitted.intercept };
  };
  const multiParagraph = rows.filter((row) => row.article !== row.paragraph);
  const article = platt('article', rows);
  const calibration = { article, paragraph: multiParagraph.length > 0 ? platt('paragraph', multiParagraph) : article };
  const scored = rows.flatMap(({ labels, article, paragraph }) =>
    [...combineScores(calibration, article, paragraph).scores].map((score, c) => ({
      score: Math.round(score * 1000) / 1000,
      correct: labels.has(c),
    })),
  );
  return { calibration, threshold: precisionThreshold(scored, targetPrecision), scored };
}

export interface ScoreBand {
  from: number;
  to: number;
  labels: number;
  right: number;
}

/** How often labels were right within each score band starting at `starts` (the last band ends at 1). */
export function scoreBands(scored: ScoredLabel[], starts: number[]): ScoreBand[] {
  return starts.map((from, i) => {
    const to = starts[i + 1] ?? 1;
    const inBand = scored.filter((s) => s.score >= from && (s.score < to || (to === 1 && s.score === 1)));
    const right = inBand.filter((s) => s.correct).length / Math.max(1, inBand.length);
    return { from, to, labels: inBand.length, right: Math.round(right * 100) / 100 };
  });
}

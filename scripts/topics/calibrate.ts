import { combineScores, sigmoid, type ArticleLogits, type Calibration } from '../../shared/classify/model.ts';

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

/** Negative log-likelihood of the outcomes under coefficients `beta` (intercept last). */
function logLoss(rows: CalibrationRow[], beta: number[]): number {
  let loss = 0;
  for (const { features, correct } of rows) {
    const z = features.reduce((s, xi, i) => s + xi * beta[i], beta[beta.length - 1]);
    // log(1 + e^-m) for the margin m, computed without overflow.
    const m = correct ? z : -z;
    loss += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
  }
  return loss;
}

/**
 * Logistic regression on a few scores (Platt scaling when there is one): the coefficients and
 * intercept maximising the likelihood of held-aside outcomes, by Newton's method, its step halved
 * until the likelihood improves (a full step from far away can overshoot when logits are large).
 */
export function fitLogistic(rows: CalibrationRow[]): { coefficients: number[]; intercept: number } {
  const n = rows[0].features.length + 1;
  let beta = new Array<number>(n).fill(0);
  beta[0] = 1;
  let loss = logLoss(rows, beta);
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
    let scale = 1;
    let next = beta.map((b, i) => b - step[i]);
    let nextLoss = logLoss(rows, next);
    while (nextLoss > loss && scale > 1e-6) {
      scale /= 2;
      next = beta.map((b, i) => b - scale * step[i]);
      nextLoss = logLoss(rows, next);
    }
    if (nextLoss > loss) break;
    const moved = step.reduce((s, d) => s + Math.abs(scale * d), 0);
    beta = next;
    loss = nextLoss;
    if (moved < 1e-9) break;
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

export interface HeldAsideLogits extends ArticleLogits {
  labels: Set<number>;
}

export interface ScoredLabel {
  score: number;
  correct: boolean;
}

/**
 * Fits the two scalings on held-aside logits and reads the threshold off the combined scores, rounded
 * to three decimals as they are published. The article's scaling weighs the term and word-part logits
 * apart (`withWords`): how far each is to be trusted is learnt here, not set by hand. The paragraph
 * route is fitted on articles that have several paragraphs: elsewhere it repeats the article's.
 */
export function calibrateModel(
  rows: HeldAsideLogits[],
  targetPrecision: number,
  withWords: boolean,
): { calibration: Calibration; threshold: number; scored: ScoredLabel[] } {
  const fit = (part: HeldAsideLogits[], features: (row: HeldAsideLogits, c: number) => number[]) =>
    fitLogistic(part.flatMap((row) => [...row.article].map((_, c) => ({ features: features(row, c), correct: row.labels.has(c) }))));
  const articleFit = fit(rows, (row, c) => (withWords ? [row.article[c], row.words[c]] : [row.article[c]]));
  const article = {
    slope: articleFit.coefficients[0],
    intercept: articleFit.intercept,
    ...(withWords && { wordSlope: articleFit.coefficients[1] }),
  };
  const multiParagraph = rows.filter((row) => row.article !== row.paragraph);
  const paragraphFit = multiParagraph.length > 0 && fit(multiParagraph, (row, c) => [row.paragraph[c]]);
  const calibration: Calibration = {
    article,
    paragraph: paragraphFit ? { slope: paragraphFit.coefficients[0], intercept: paragraphFit.intercept } : article,
  };
  const scored = rows.flatMap((row) =>
    [...combineScores(calibration, row).scores].map((score, c) => ({
      score: Math.round(score * 1000) / 1000,
      correct: row.labels.has(c),
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

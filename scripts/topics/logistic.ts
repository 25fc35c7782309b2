import { sigmoid } from '../../shared/classify/model.ts';
import { seededRandom } from '../../shared/random.ts';

export interface SparseExample {
  indices: Int32Array;
  values: Float32Array;
  /** Class indices the example belongs to; every other class is a negative. */
  positives: number[];
  weight: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}


/**
 * One-vs-rest logistic regression (one sigmoid per class, so an article can belong to several),
 * trained by AdaGrad over shuffled examples; L2 is applied to the rows an example touches.
 */
export function trainOneVsRest(
  examples: SparseExample[],
  featureCount: number,
  classCount: number,
  options: TrainOptions,
): { weights: Float32Array; bias: Float32Array } {
  const k = classCount;
  const weights = new Float32Array(featureCount * k);
  const bias = new Float32Array(k);
  const weightSq = new Float32Array(featureCount * k).fill(1e-8);
  const biasSq = new Float32Array(k).fill(1e-8);
  const order = examples.map((_, i) => i);
  const random = seededRandom(options.seed);
  const z = new Float32Array(k);
  const isPositive = new Uint8Array(k);

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const e of order) {
      const { indices, values, positives, weight } = examples[e];
      z.set(bias);
      for (let f = 0; f < indices.length; f++) {
        const row = indices[f] * k;
        for (let c = 0; c < k; c++) z[c] += values[f] * weights[row + c];
      }
      isPositive.fill(0);
      for (const p of positives) isPositive[p] = 1;
      for (let c = 0; c < k; c++) {
        const g = (sigmoid(z[c]) - isPositive[c]) * weight;
        biasSq[c] += g * g;
        bias[c] -= (options.learningRate * g) / Math.sqrt(biasSq[c]);
        for (let f = 0; f < indices.length; f++) {
          const at = indices[f] * k + c;
          const gw = g * values[f] + options.l2 * weights[at];
          weightSq[at] += gw * gw;
          weights[at] -= (options.learningRate * gw) / Math.sqrt(weightSq[at]);
        }
      }
    }
  }
  return { weights, bias };
}

import { readFileSync } from 'node:fs';
for (let r = 0; r < 3; r++) {
let t = performance.now();
const raw = readFileSync('shared/classify/model/iptc-topics.json', 'utf8'); const t1 = performance.now();
const a = JSON.parse(raw); const t2 = performance.now();
const terms = a.vocabulary.split('\n'); const vocab = new Map(terms.map((x: string, i: number) => [x, i])); const t3 = performance.now();
const bytes = Buffer.from(a.weights, 'base64'); const t4 = performance.now();
const q = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
const w = new Float32Array(q.length); for (let i = 0; i < q.length; i++) w[i] = q[i] * a.weightScale; const t5 = performance.now();
const w2 = Float32Array.from(q, (x) => x * a.weightScale); const t6 = performance.now();
console.log(`read ${(t1-t).toFixed(1)} parse ${(t2-t1).toFixed(1)} vocab ${(t3-t2).toFixed(1)} (${terms.length}) b64 ${(t4-t3).toFixed(1)} loop ${(t5-t4).toFixed(1)} from ${(t6-t5).toFixed(1)}`);
}

// Syndicated-copy (near-duplicate) detection: pure functions over article text, no I/O.
export { DEDUPE_VERSION, MIN_WORDS, fingerprint, type Fingerprint } from './fingerprint.ts';
export { normalizeForHash } from './normalize.ts';
export { MIN_CONTAINMENT, containment, isSyndicatedCopy, similarity } from './decide.ts';
export { hammingDistance } from './simhash.ts';

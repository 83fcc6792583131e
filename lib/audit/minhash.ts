/**
 * Near-duplicate detection in bounded memory: each page keeps a 64-value
 * MinHash signature of its word 3-shingles (256 bytes) instead of its text.
 * Signatures use one-permutation hashing (each shingle hashed once, the top 6
 * bits pick one of 64 bins, each bin keeps its minimum) with rotation
 * densification for empty bins: 64× cheaper than 64 independent hash
 * functions and the same Jaccard estimator. Similarity is the share of equal
 * bins; candidate pairs come from LSH banding (16 bands × 4 rows), so a
 * 10,000-page site is not compared pair by pair.
 */
export const SIGNATURE_SIZE = 64;
const BANDS = 16;
const ROWS = SIGNATURE_SIZE / BANDS;
const EMPTY = 0xffffffff;

function fnv1a(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    let c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32; // ASCII lowercase without allocating a lowered copy
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Word count and signature of a text in one pass (any ASCII whitespace or control character separates words).
 * The signature is null under three words: nothing meaningful to compare.
 */
export function textStats(text: string): { words: number; signature: Uint32Array | null } {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY);
  let a = 0;
  let b = 0;
  let words = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) > 32) continue;
    if (i > start) {
      const w = fnv1a(text, start, i);
      words++;
      if (words >= 3) {
        // Order-sensitive mix of the three word hashes, then a finaliser so every bit is well distributed.
        let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(w, 0xc2b2ae35);
        h ^= h >>> 16;
        h = Math.imul(h, 0x7feb352d);
        h ^= h >>> 15;
        h = Math.imul(h, 0x846ca68b);
        h ^= h >>> 16;
        const bin = h >>> 26;
        const v = h & 0x3ffffff;
        if (v < sig[bin]!) sig[bin] = v;
      }
      a = b;
      b = w;
    }
    start = i + 1;
  }
  if (words < 3) return { words, signature: null };
  densify(sig);
  return { words, signature: sig };
}

export const minhash = (text: string) => textStats(text).signature;

/** Empty bins borrow the next non-empty bin's value, offset by the distance so borrowed values stay distinct. */
function densify(sig: Uint32Array): void {
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    if (sig[i] !== EMPTY) continue;
    for (let d = 1; d < SIGNATURE_SIZE; d++) {
      const v = sig[(i + d) % SIGNATURE_SIZE]!;
      if (v !== EMPTY && v < 0x4000000) {
        sig[i] = v + d * 0x4000000;
        break;
      }
    }
  }
}

export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** Pairs of indexes whose estimated similarity is at least `threshold`, each pair once, in index order. */
export function similarPairs(sigs: (Uint32Array | null)[], threshold: number): [number, number, number][] {
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < sigs.length; i++) {
    const s = sigs[i];
    if (!s) continue;
    for (let b = 0; b < BANDS; b++) {
      let key = `${b}`;
      for (let r = 0; r < ROWS; r++) key += `:${s[b * ROWS + r]}`;
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  }
  const seen = new Set<number>();
  const out: [number, number, number][] = [];
  const n = sigs.length;
  for (const list of buckets.values()) {
    if (list.length < 2) continue;
    // A site-wide template clone bucket can hold thousands of pages: comparing everyone with the first
    // members still finds every duplicate page while keeping the work linear.
    for (let x = 0; x < Math.min(list.length, 32); x++)
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x]!;
        const j = list[y]!;
        const key = i * n + j;
        if (seen.has(key)) continue;
        seen.add(key);
        const sim = similarity(sigs[i]!, sigs[j]!);
        if (sim >= threshold) out.push([i, j, sim]);
      }
  }
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

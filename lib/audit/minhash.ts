/**
 * Near-duplicate detection in bounded memory: each page keeps a 64-value
 * MinHash signature of its word 3-shingles (256 bytes) instead of its text.
 * Similarity is the estimated Jaccard index of the shingle sets; candidate
 * pairs come from LSH banding (16 bands × 4 rows), so a 10,000-page site is
 * not compared pair by pair.
 */
export const SIGNATURE_SIZE = 64;
const BANDS = 16;
const ROWS = SIGNATURE_SIZE / BANDS;

// Fixed seeds: identical input must give identical signatures (and scores) on every run.
const A = new Uint32Array(SIGNATURE_SIZE);
const B = new Uint32Array(SIGNATURE_SIZE);
{
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    A[i] = next() | 1;
    B[i] = next();
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Signature of a text; null when it has fewer than 3 words (nothing meaningful to compare). */
export function minhash(text: string): Uint32Array | null {
  const words = text.toLowerCase().split(" ").filter(Boolean);
  if (words.length < 3) return null;
  const wh = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wh[i] = fnv1a(words[i]!);
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (let i = 0; i + 2 < words.length; i++) {
    // Combine three word hashes into one shingle hash, then apply 64 cheap universal hashes.
    const h =
      (Math.imul(wh[i]!, 0x9e3779b1) ^ Math.imul(wh[i + 1]!, 0x85ebca6b) ^ Math.imul(wh[i + 2]!, 0xc2b2ae35)) >>> 0;
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const v = (Math.imul(A[k]!, h) + B[k]!) >>> 0;
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
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

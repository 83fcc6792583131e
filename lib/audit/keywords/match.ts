/** Keyword matching: case-insensitive, whole words, whitespace-insensitive. */
const cache = new Map<string, RegExp>();

function pattern(keyword: string): RegExp {
  let re = cache.get(keyword);
  if (!re) {
    const words = keyword
      .trim()
      .toLowerCase()
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    // \p{L}\p{N} boundaries instead of \b so non-Latin keywords (München, 漢字) match as words too.
    re = new RegExp(`(?<![\\p{L}\\p{N}])${words.join("[\\s\\-_]+")}(?![\\p{L}\\p{N}])`, "giu");
    cache.set(keyword, re);
  }
  re.lastIndex = 0;
  return re;
}

export function countKeyword(text: string | null | undefined, keyword: string): number {
  if (!text || !keyword.trim()) return 0;
  return text.match(pattern(keyword))?.length ?? 0;
}

export const hasKeyword = (text: string | null | undefined, keyword: string) => countKeyword(text, keyword) > 0;

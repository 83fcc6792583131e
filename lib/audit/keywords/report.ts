/**
 * Keyword report and keyword checks from the compact page facts. A page
 * "targets" a keyword when its title or H1 contains it; body occurrences were
 * counted while the page was parsed.
 */
import { finding } from "../finding";
import type { Finding, KeywordPage, KeywordReport, PageFacts } from "../types";
import { siteRoot } from "../url";
import { hasKeyword } from "./match";

const MAX_PAGES_LISTED = 50;

export function keywordReport(pages: PageFacts[], keywords: string[]): KeywordReport[] {
  const candidates = pages.filter((p) => p.isHtml && p.status === 200 && p.indexable);
  return keywords.map((keyword) => {
    const hits: (KeywordPage & { score: number; words: number })[] = [];
    for (const p of candidates) {
      const kp = {
        url: p.url,
        inTitle: hasKeyword(p.title, keyword),
        inH1: hasKeyword(p.h1, keyword),
        inDescription: hasKeyword(p.description, keyword),
        inUrl: hasKeyword(urlWords(p.url), keyword),
        bodyCount: p.keywordCounts[keyword] ?? 0,
      };
      const score =
        4 * +kp.inTitle + 3 * +kp.inH1 + 2 * +kp.inUrl + +kp.inDescription + Math.min(kp.bodyCount, 10) / 10;
      if (score > 0) hits.push({ ...kp, score, words: p.words });
    }
    // Deterministic: best score, then the shorter URL (usually the more general page), then alphabetical.
    hits.sort((a, b) => b.score - a.score || a.url.length - b.url.length || (a.url < b.url ? -1 : 1));
    const best = hits[0];
    const kwWords = keyword.trim().split(/\s+/).length;
    const density = best && best.words ? Math.round(((best.bodyCount * kwWords) / best.words) * 10000) / 100 : 0;
    return {
      keyword,
      pages: hits.slice(0, MAX_PAGES_LISTED).map(({ url, inTitle, inH1, inDescription, inUrl, bodyCount }) => ({
        url,
        inTitle,
        inH1,
        inDescription,
        inUrl,
        bodyCount,
      })),
      bestPage: best?.url ?? null,
      density,
      missing: !hits.some((h) => h.inTitle || h.inH1),
    };
  });
}

export function keywordChecks(reports: KeywordReport[], startUrl: string): Finding[] {
  const out: Finding[] = [];
  const root = siteRoot(startUrl);
  for (const r of reports) {
    if (r.missing)
      out.push(
        finding("keyword-not-targeted", root, `No page has "${r.keyword}" in its title or H1.`, { keyword: r.keyword }),
      );
    const both = r.pages.filter((p) => p.inTitle && p.inH1).map((p) => p.url);
    if (both.length >= 2)
      out.push(
        finding("keyword-cannibalization", root, `${both.length} pages have "${r.keyword}" in both title and H1.`, {
          keyword: r.keyword,
          pages: both,
        }),
      );
  }
  return out;
}

function urlWords(url: string): string {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    path = new URL(url).pathname;
  }
  return path.replace(/[-_/.+]/g, " ");
}

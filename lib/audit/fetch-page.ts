/**
 * Fetches one URL (following and recording redirects, one retry on 5xx) and,
 * when the final answer is a 200 HTML page, analyses it. Shared by the
 * in-memory crawler and the durable pipeline's adapter.
 */
import { analysePage, type PageAnalysis } from "./checks/page-checks";
import type { Fetcher, FetchResult } from "./fetcher";
import { fetchChainWithRetry, probe, type ChainResult } from "./redirects";
import type { PageFacts } from "./types";

const NON_HTML =
  /\.(pdf|jpe?g|png|gif|webp|avif|svg|ico|css|js|mjs|json|xml|txt|zip|gz|mp4|mp3|webm|woff2?|ttf|docx?|xlsx?|pptx?)$/i;

export type PageFetch = {
  chain: ChainResult;
  final: FetchResult;
  isHtml: boolean;
  analysis: PageAnalysis | null;
};

export async function fetchPageAndAnalyse(fetcher: Fetcher, url: string, keywords: string[]): Promise<PageFetch> {
  // Linked files that are obviously not pages only need a status: HEAD, not a download.
  const chain = NON_HTML.test(new URL(url).pathname)
    ? await probe(fetcher, url)
    : await fetchChainWithRetry(fetcher, url, { readBody: true });
  const final = chain.final;
  const isHtml = final.status === 200 && /html/i.test(final.headers["content-type"] ?? "") && final.body !== null;
  const analysis =
    isHtml && !chain.loop && !chain.tooManyHops
      ? analysePage({ url: final.url, headers: final.headers, html: final.body!, ttfbMs: final.ttfbMs, keywords })
      : null;
  // The HTML is not needed past this point; dropping it keeps memory per page small.
  final.body = null;
  return { chain, final, isHtml, analysis };
}

export function blankFacts(url: string, depth: number | null, fromSitemap: boolean): PageFacts {
  return {
    url,
    status: null,
    redirectedTo: null,
    redirectChain: [],
    redirectLoop: false,
    depth,
    isHtml: false,
    indexable: false,
    noindex: false,
    title: null,
    h1: null,
    description: null,
    canonical: null,
    hreflang: [],
    words: 0,
    signature: null,
    ttfbMs: 0,
    timeMs: 0,
    bytes: 0,
    fromSitemap,
    keywordCounts: {},
    error: null,
  };
}

/**
 * Copies a string that will outlive the page. Parser output is often a V8 "sliced string" that pins the whole
 * HTML document in memory; keeping one for each of 10,000 pages would keep every page's HTML alive.
 */
export function own<T extends string | null>(s: T): T {
  return (s === null || s.length < 13 ? s : Buffer.from(s, "utf8").toString("utf8")) as T;
}

/** Fills the facts of the URL that answered with content (the final URL of a chain). */
export function applyAnalysis(facts: PageFacts, res: FetchResult, a: PageAnalysis | null): void {
  facts.status = res.status;
  facts.ttfbMs = Math.round(res.ttfbMs);
  facts.error = res.error;
  if (!a) return;
  facts.isHtml = true;
  facts.bytes = a.bytes;
  facts.title = own(a.title);
  facts.h1 = own(a.h1);
  facts.description = own(a.description);
  facts.noindex = a.noindex;
  facts.canonical = a.canonicals[0] ?? null;
  facts.hreflang = a.hreflang.map((h) => ({ lang: own(h.lang), href: h.href }));
  facts.words = a.words;
  facts.signature = a.signature;
  facts.keywordCounts = a.keywordCounts;
  // Indexable: a 200 HTML page that does not opt out and does not point its canonical elsewhere.
  facts.indexable = !a.noindex && (a.canonicals.length === 0 || a.canonicals.includes(facts.url));
}

/** Shapes shared across the engine; the JSON result schema is documented in docs/engine.md. */
import type { Category, Severity } from "./catalogue";

export const SCHEMA_VERSION = 1;

export type Finding = {
  check: string;
  category: Category;
  severity: Severity;
  url: string;
  message: string;
  details: Record<string, unknown>;
};

/** Compact per-page facts kept after a page is analysed (the HTML is not kept). */
export type PageFacts = {
  url: string;
  status: number | null;
  /** URL after redirects when it differs (internal), else null. */
  redirectedTo: string | null;
  /** Redirect hops from this URL (the URLs that answered 3xx, then the final URL). */
  redirectChain: string[];
  redirectLoop: boolean;
  /** From the start page via links; null for pages only found in the sitemap. */
  depth: number | null;
  isHtml: boolean;
  indexable: boolean;
  noindex: boolean;
  title: string | null;
  h1: string | null;
  description: string | null;
  canonical: string | null;
  hreflang: { lang: string; href: string }[];
  words: number;
  signature: Uint32Array | null;
  ttfbMs: number;
  /** Fetch (all hops, whole body) plus analysis, in ms. */
  timeMs: number;
  bytes: number;
  fromSitemap: boolean;
  /** Occurrences of each keyword in the visible text (only keywords that occur). */
  keywordCounts: Record<string, number>;
  error: string | null;
};

export type Progress = {
  phase: "robots" | "sitemap" | "crawling" | "links" | "analysing" | "competitors" | "done";
  pagesDone: number;
  queued: number;
  site: string;
};

export type KeywordPage = {
  url: string;
  inTitle: boolean;
  inH1: boolean;
  inDescription: boolean;
  inUrl: boolean;
  bodyCount: number;
};

export type KeywordReport = {
  keyword: string;
  pages: KeywordPage[];
  bestPage: string | null;
  /** Keyword words per 100 words on the best page (percent). */
  density: number;
  missing: boolean;
};

export type CategoryScores = Record<Category, number>;

export type CompetitorResult = {
  url: string;
  score: number | null;
  categories: Partial<CategoryScores>;
  pages: number;
  keywords: { keyword: string; missing: boolean; bestPage: string | null }[];
  error?: string;
};

export type PageSummary = {
  url: string;
  status: number | null;
  depth: number | null;
  title: string | null;
  indexable: boolean;
  words: number;
  ttfbMs: number;
  timeMs: number;
  bytes: number;
};

export type AuditStats = {
  pagesCrawled: number;
  externalLinksChecked: number;
  resourcesChecked: number;
  durationMs: number;
  robotsTxt: "found" | "missing" | "error";
  sitemapUrls: number;
};

export type AuditResult = {
  schemaVersion: typeof SCHEMA_VERSION;
  target: string;
  startedAt: string;
  finishedAt: string;
  stats: AuditStats;
  score: number;
  categories: CategoryScores;
  pages: PageSummary[];
  findings: Finding[];
  keywords: KeywordReport[];
  competitors: CompetitorResult[];
};

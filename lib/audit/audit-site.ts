/**
 * Audits one site end to end: robots.txt, sitemaps, crawl (with per-page
 * checks on arrival), probes of external links / images / declared targets,
 * site-wide checks, keywords and score.
 */
import { contentChecks } from "./checks/content-checks";
import { crawlChecks } from "./checks/crawl-checks";
import type { SiteInput } from "./checks/site-input";
import { crawl } from "./crawler";
import { AuditUnreachableError, ForbiddenAddressError } from "./errors";
import type { Fetcher } from "./fetcher";
import { sortFindings } from "./finding";
import { keywordChecks, keywordReport } from "./keywords/report";
import { probeAll } from "./probes";
import { loadRobots } from "./robots";
import { scoreFindings } from "./score";
import { loadSitemaps } from "./sitemap";
import type { AuditStats, CategoryScores, Finding, KeywordReport, PageFacts, Progress } from "./types";

export type SiteAuditOptions = {
  startUrl: string;
  maxPages: number;
  concurrency: number;
  includeSubdomains: boolean;
  keywords: string[];
  fetcher: Fetcher;
  onProgress?: (p: Progress) => void;
};

export type SiteAudit = {
  pages: PageFacts[];
  findings: Finding[];
  keywords: KeywordReport[];
  score: number;
  categories: CategoryScores;
  stats: Omit<AuditStats, "durationMs">;
};

export async function auditSite(o: SiteAuditOptions): Promise<SiteAudit> {
  const progress = (phase: Progress["phase"], pagesDone = 0, queued = 0) =>
    o.onProgress?.({ phase, pagesDone, queued, site: o.startUrl });
  progress("robots");
  const origin = new URL(o.startUrl).origin;
  const robots = await loadRobots(o.fetcher, origin);
  progress("sitemap");
  const sitemap = await loadSitemaps(o.fetcher, origin, robots.sitemaps);
  const state = await crawl({ ...o, robots, sitemap });
  const start = state.pages[0]!;
  if (start.status === null) {
    const msg = `Could not reach ${o.startUrl}: ${start.error ?? "no response"}`;
    throw /Refusing to connect/.test(start.error ?? "")
      ? new ForbiddenAddressError(msg)
      : new AuditUnreachableError(msg);
  }
  progress("links", state.pages.length);
  const crawled = new Set(state.ids.keys());
  const toProbe = new Set<string>([...state.external.keys(), ...state.images.keys()]);
  for (const p of state.pages) {
    if (p.canonical && !crawled.has(p.canonical)) toProbe.add(p.canonical);
    for (const h of p.hreflang) if (!crawled.has(h.href)) toProbe.add(h.href);
  }
  const probes = await probeAll(
    o.fetcher,
    [...toProbe].filter((u) => !crawled.has(u)),
    o.concurrency,
  );
  progress("analysing", state.pages.length);
  const input: SiteInput = {
    startUrl: o.startUrl,
    startFinalUrl: state.startFinalUrl,
    startHsts: state.startHsts,
    pages: state.pages,
    inbound: state.inbound,
    blocked: state.blocked,
    external: state.external,
    images: state.images,
    probes,
    robots: { status: robots.status, url: robots.url },
    sitemap,
    keywords: o.keywords,
  };
  const keywords = keywordReport(state.pages, o.keywords);
  const findings = sortFindings([
    ...state.findings,
    ...crawlChecks(input),
    ...contentChecks(input),
    ...keywordChecks(keywords, o.startUrl),
  ]);
  const { score, categories } = scoreFindings(findings, state.pages.length);
  return {
    pages: state.pages,
    findings,
    keywords,
    score,
    categories,
    stats: {
      pagesCrawled: state.pages.length,
      externalLinksChecked: state.external.size,
      resourcesChecked: probes.size,
      robotsTxt: robots.status,
      sitemapUrls: sitemap.urls.size,
    },
  };
}

/**
 * Public entry point: `runAudit(options)` audits the target and its
 * competitors and returns the versioned JSON result (docs/engine.md).
 */
import { auditSite, type SiteAudit } from "./audit-site";
import { AuditInputError } from "./errors";
import { createFetcher } from "./fetcher";
import type { AddressPolicy, LookupFn } from "./ssrf";
import { SCHEMA_VERSION, type AuditResult, type CompetitorResult, type Progress } from "./types";
import { parseStartUrl } from "./url";

export type AuditOptions = {
  url: string;
  maxPages?: number;
  /** Requests in flight per host (default 8). */
  concurrency?: number;
  keywords?: string[];
  maxKeywords?: number;
  competitors?: string[];
  /** Pages per competitor; default 10% of maxPages, at least 50. */
  competitorMaxPages?: number;
  includeSubdomains?: boolean;
  /** Default: AUDIT_ALLOW_PRIVATE_NETWORKS=1 in the environment. */
  allowPrivate?: boolean;
  /** Base URL of the app, for the user agent string. */
  appUrl?: string;
  timeoutMs?: number;
  lookup?: LookupFn;
  addressPolicy?: AddressPolicy;
  ca?: string;
  onProgress?: (p: Progress) => void;
};

export const DEFAULTS = {
  maxPages: 500,
  concurrency: 8,
  timeoutMs: 10_000,
  maxBodyBytes: 5 * 1024 * 1024,
  maxKeywords: 50,
};

export function userAgent(appUrl = process.env.APP_URL ?? "https://seohealthreport.com"): string {
  return `SEOHealthBot/1.0 (+${appUrl})`;
}

export async function runAudit(o: AuditOptions): Promise<AuditResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const target = parseStartUrl(o.url);
  const maxPages = o.maxPages ?? DEFAULTS.maxPages;
  const concurrency = o.concurrency ?? DEFAULTS.concurrency;
  if (!Number.isInteger(maxPages) || maxPages < 1) throw new AuditInputError("maxPages must be a positive integer.");
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new AuditInputError("concurrency must be an integer from 1 to 64.");
  const keywords = [...new Set((o.keywords ?? []).map((k) => k.trim()).filter(Boolean))];
  if (keywords.length > (o.maxKeywords ?? DEFAULTS.maxKeywords))
    throw new AuditInputError(`At most ${o.maxKeywords ?? DEFAULTS.maxKeywords} keywords are allowed.`);
  const competitors = (o.competitors ?? []).map(parseStartUrl);
  const fetcher = createFetcher({
    allowPrivate: o.allowPrivate ?? ["1", "true"].includes(process.env.AUDIT_ALLOW_PRIVATE_NETWORKS ?? ""),
    userAgent: userAgent(o.appUrl),
    timeoutMs: o.timeoutMs ?? DEFAULTS.timeoutMs,
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    connections: concurrency,
    lookup: o.lookup,
    addressPolicy: o.addressPolicy,
    ca: o.ca,
  });
  try {
    const common = { concurrency, includeSubdomains: o.includeSubdomains ?? false, keywords, fetcher };
    const site = await auditSite({ ...common, startUrl: target, maxPages, onProgress: o.onProgress });
    const competitorPages = o.competitorMaxPages ?? Math.max(50, Math.round(maxPages / 10));
    const comps: CompetitorResult[] = [];
    for (const url of competitors) {
      o.onProgress?.({ phase: "competitors", pagesDone: 0, queued: 0, site: url });
      try {
        comps.push(toCompetitor(url, await auditSite({ ...common, startUrl: url, maxPages: competitorPages })));
      } catch (e) {
        comps.push({ url, score: null, categories: {}, pages: 0, keywords: [], error: (e as Error).message });
      }
    }
    o.onProgress?.({ phase: "done", pagesDone: site.pages.length, queued: 0, site: target });
    return {
      schemaVersion: SCHEMA_VERSION,
      target,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      stats: { ...site.stats, durationMs: Math.round(performance.now() - t0) },
      score: site.score,
      categories: site.categories,
      pages: site.pages.map((p) => ({
        url: p.url,
        status: p.status,
        depth: p.depth,
        title: p.title,
        indexable: p.indexable,
        words: p.words,
        ttfbMs: p.ttfbMs,
        timeMs: p.timeMs,
        bytes: p.bytes,
      })),
      findings: site.findings,
      keywords: site.keywords,
      competitors: comps,
    };
  } finally {
    await fetcher.close();
  }
}

function toCompetitor(url: string, s: SiteAudit): CompetitorResult {
  return {
    url,
    score: s.score,
    categories: s.categories,
    pages: s.pages.length,
    keywords: s.keywords.map((k) => ({ keyword: k.keyword, missing: k.missing, bestPage: k.bestPage })),
  };
}

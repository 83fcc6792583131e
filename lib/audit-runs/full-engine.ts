/**
 * Adapter from the durable pipeline's page-by-page AuditEngine interface to
 * the full engine in lib/audit. fetchPage runs the per-page checks and stores
 * the compact facts (links, hreflang, signature…) in FetchedPage.data;
 * analyseSite rebuilds the engine's SiteInput from the stored pages and runs
 * the same site-wide checks as the in-memory crawler.
 */
import { userAgent, DEFAULTS } from "@/lib/audit/audit";
import { CATALOGUE, CATEGORIES } from "@/lib/audit/catalogue";
import { contentChecks } from "@/lib/audit/checks/content-checks";
import { crawlChecks } from "@/lib/audit/checks/crawl-checks";
import type { SiteInput } from "@/lib/audit/checks/site-input";
import { addRef, MAX_EXTERNAL, MAX_IMAGES } from "@/lib/audit/crawler";
import { applyAnalysis, blankFacts, fetchPageAndAnalyse } from "@/lib/audit/fetch-page";
import { createFetcher, type Fetcher } from "@/lib/audit/fetcher";
import { keywordChecks, keywordReport } from "@/lib/audit/keywords/report";
import { probeAll } from "@/lib/audit/probes";
import { scoreFindings } from "@/lib/audit/score";
import type { Finding } from "@/lib/audit/types";
import { makeScope, normaliseUrl } from "@/lib/audit/url";
import { env } from "@/lib/env";
import type { AuditEngine, CheckInfo, EngineFinding, FetchedPage, SitePage } from "./engine";
import { encodeSignature, toFacts, type PageData } from "./page-data";
import { siteContext } from "./site-context";

/** Per page, what is kept for the link-target checks (the site-wide caps still apply in analyseSite). */
const PER_PAGE = { links: 300, external: 50, images: 50 };
const CONCURRENCY = 8;

let shared: Fetcher | null = null;
function fetcher(): Fetcher {
  shared ??= createFetcher({
    allowPrivate: env().AUDIT_ALLOW_PRIVATE_NETWORKS,
    userAgent: userAgent(env().APP_URL),
    timeoutMs: DEFAULTS.timeoutMs,
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    connections: CONCURRENCY,
  });
  return shared;
}

/** The pipeline's URL normaliser (start URLs, competitor URLs). */
export function normalise(href: string): string {
  return normaliseUrl(href) ?? href;
}

const toEngine = (f: Finding): EngineFinding => ({ ...f });

async function fetchPage(url: string, ctx: { startUrl: string }): Promise<FetchedPage> {
  const start = normalise(ctx.startUrl);
  const f = fetcher();
  const site = await siteContext(f, start);
  const inScope = makeScope([start, site.home], false);
  const t0 = performance.now();
  const r = await fetchPageAndAnalyse(f, url, []);
  const { chain, final } = r;
  const data: PageData = { ttfbMs: Math.round(final.ttfbMs), timeMs: 0, error: final.error };
  if (url === start) {
    data.finalUrl = final.url;
    data.hsts = final.url.startsWith("https:") ? !!final.headers["strict-transport-security"] : null;
  }
  if (chain.hops.length) {
    const loop = chain.loop || chain.tooManyHops;
    const links = !loop && inScope(final.url) ? [final.url] : [];
    Object.assign(data, {
      redirectChain: [...chain.hops.map((h) => h.url), final.url],
      redirectLoop: loop,
      redirectedTo: final.url,
      links,
    });
    data.timeMs = Math.round(performance.now() - t0);
    return { url, status: chain.hops[0]!.status, title: null, links, data, findings: [] };
  }
  const a = r.analysis;
  if (!a) return { url, status: final.status, title: null, links: [], data: { ...data, isHtml: false }, findings: [] };
  const facts = blankFacts(url, null, false);
  applyAnalysis(facts, final, a);
  const follow: string[] = [];
  const blocked: string[] = [];
  const external: string[] = [];
  for (const l of a.links) {
    if (l.url === url) continue;
    if (!inScope(l.url)) external.push(l.url);
    else if (site.robots.isAllowed(l.url)) follow.push(l.url);
    else blocked.push(l.url);
  }
  // Sitemap-only URLs join the crawl through the start page (after its own links, so links win the budget).
  const queue =
    url === start
      ? [...follow, ...[...site.sitemap.urls.keys()].filter((u) => inScope(u) && site.robots.isAllowed(u))]
      : follow;
  Object.assign(data, {
    isHtml: true,
    indexable: facts.indexable,
    noindex: facts.noindex,
    h1: facts.h1,
    description: facts.description,
    canonical: facts.canonical,
    hreflang: facts.hreflang,
    words: facts.words,
    sig: encodeSignature(facts.signature),
    bytes: facts.bytes,
    links: follow.slice(0, PER_PAGE.links),
    blocked: blocked.slice(0, PER_PAGE.links),
    external: external.slice(0, PER_PAGE.external),
    images: a.images.slice(0, PER_PAGE.images),
    timeMs: Math.round(performance.now() - t0),
  } satisfies PageData);
  return {
    url,
    status: final.status,
    title: facts.title,
    links: [...new Set(queue)],
    data,
    findings: a.findings.map(toEngine),
  };
}

async function analyseSite(pages: SitePage[], ctx: { startUrl: string; keywords: string[] }): Promise<EngineFinding[]> {
  const start = normalise(ctx.startUrl);
  const f = fetcher();
  const site = await siteContext(f, start);
  const live = pages.filter((p) => !("queued" in p.data));
  const facts = live.map((p) => toFacts({ ...p, data: p.data as PageData }, site.sitemap.urls.has(p.url)));
  const index = new Map(facts.map((p, i) => [p.url, i]));
  const inbound = new Map<string, string[]>();
  const blocked = new Map<string, string[]>();
  const external = new Map<string, string[]>();
  const images = new Map<string, string[]>();
  for (const p of live) {
    const d = p.data as PageData;
    for (const l of d.links ?? []) if (l !== p.url) addRef(inbound, l, p.url);
    for (const l of d.blocked ?? []) addRef(blocked, l, p.url);
    for (const l of d.external ?? []) addRef(external, l, p.url, MAX_EXTERNAL);
    for (const l of d.images ?? []) addRef(images, l, p.url, MAX_IMAGES);
  }
  clickDepths(facts, index, live, start);
  const toProbe = new Set<string>([...external.keys(), ...images.keys()]);
  for (const p of facts) {
    if (p.canonical && !index.has(p.canonical)) toProbe.add(p.canonical);
    for (const h of p.hreflang) if (!index.has(h.href)) toProbe.add(h.href);
  }
  const startData = (live.find((p) => p.url === start)?.data ?? {}) as PageData;
  const input: SiteInput = {
    startUrl: start,
    startFinalUrl: startData.finalUrl ?? null,
    startHsts: startData.hsts ?? null,
    pages: facts,
    inbound,
    blocked,
    external,
    images,
    probes: await probeAll(f, toProbe, CONCURRENCY),
    robots: { status: site.robots.status, url: site.robots.url },
    sitemap: site.sitemap,
    keywords: ctx.keywords,
  };
  const kw = keywordReport(facts, ctx.keywords);
  return [...crawlChecks(input), ...contentChecks(input), ...keywordChecks(kw, start)].map(toEngine);
}

/** Click depth by BFS over the stored links (the pipeline's depth counts sitemap-seeded URLs as links). */
function clickDepths(
  facts: ReturnType<typeof toFacts>[],
  index: Map<string, number>,
  live: SitePage[],
  start: string,
): void {
  for (const p of facts) p.depth = null;
  const first = index.get(start);
  if (first === undefined) return;
  facts[first]!.depth = 0;
  const q = [first];
  for (let i = 0; i < q.length; i++) {
    const from = q[i]!;
    for (const l of (live[from]!.data as PageData).links ?? []) {
      const t = index.get(l);
      if (t !== undefined && facts[t]!.depth === null) {
        facts[t]!.depth = facts[from]!.depth! + 1;
        q.push(t);
      }
    }
  }
}

export const fullEngine: AuditEngine = {
  fetchPage,
  analyseSite,
  score: (findings, pageCount) => scoreFindings(findings, pageCount),
  catalogue: Object.fromEntries(
    Object.values(CATALOGUE).map((c) => [
      c.id,
      { id: c.id, category: c.category, title: c.title, howToFix: c.howToFix },
    ]),
  ) as Record<string, CheckInfo>,
  categories: CATEGORIES,
};

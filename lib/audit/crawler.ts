/**
 * The crawl loop: a FIFO frontier (breadth first, so click depth is right),
 * at most `concurrency` requests in flight, robots.txt honoured, budget
 * enforced at enqueue time. Each page is analysed on arrival and only compact
 * facts plus bounded link bookkeeping are kept.
 */
import { applyAnalysis, blankFacts, fetchPageAndAnalyse } from "./fetch-page";
import type { Fetcher } from "./fetcher";
import { sleep } from "./limit";
import type { Robots } from "./robots";
import type { SitemapInfo } from "./sitemap";
import type { Finding, PageFacts, Progress } from "./types";
import { makeScope } from "./url";

/** Referrers remembered per link target: enough to act on, bounded in memory. */
export const MAX_REFERRERS = 10;
export const MAX_EXTERNAL = 500;
export const MAX_IMAGES = 500;

export type CrawlOptions = {
  startUrl: string;
  maxPages: number;
  concurrency: number;
  includeSubdomains: boolean;
  keywords: string[];
  fetcher: Fetcher;
  robots: Robots;
  sitemap: SitemapInfo;
  onProgress?: (p: Progress) => void;
};

export type Referrers = Map<string, string[]>;

export type CrawlState = {
  startUrl: string;
  pages: PageFacts[];
  ids: Map<string, number>;
  /** Internal link graph by page id, for click depth. */
  edges: number[][];
  findings: Finding[];
  inbound: Referrers;
  blocked: Referrers;
  external: Referrers;
  images: Referrers;
  startHsts: boolean | null;
  startFinalUrl: string | null;
};

export function addRef(map: Referrers, target: string, from: string, maxKeys = Infinity): void {
  const list = map.get(target);
  if (list) {
    if (list.length < MAX_REFERRERS && !list.includes(from)) list.push(from);
  } else if (map.size < maxKeys) map.set(target, [from]);
}

export async function crawl(o: CrawlOptions): Promise<CrawlState> {
  let inScope = makeScope(o.startUrl, o.includeSubdomains);
  const s: CrawlState = {
    startUrl: o.startUrl,
    pages: [],
    ids: new Map(),
    edges: [],
    findings: [],
    inbound: new Map(),
    blocked: new Map(),
    external: new Map(),
    images: new Map(),
    startHsts: null,
    startFinalUrl: null,
  };
  const queue: number[] = [];
  let head = 0;
  let done = 0;
  let sitemapQueued = false;

  const register = (url: string, depth: number | null): number | null => {
    const known = s.ids.get(url);
    if (known !== undefined) return known;
    if (s.pages.length >= o.maxPages) return null;
    const id = s.pages.length;
    s.pages.push(blankFacts(url, depth, o.sitemap.urls.has(url)));
    s.edges.push([]);
    s.ids.set(url, id);
    return id;
  };
  const enqueue = (url: string, depth: number | null) => {
    const before = s.pages.length;
    const id = register(url, depth);
    if (id !== null && s.pages.length > before) queue.push(id);
    return id;
  };

  const visit = async (id: number) => {
    const facts = s.pages[id]!;
    const t0 = performance.now();
    const r = await fetchPageAndAnalyse(o.fetcher, facts.url, o.keywords);
    facts.timeMs = Math.round(performance.now() - t0);
    const { chain, final } = r;
    let target = facts;
    if (chain.hops.length) {
      facts.status = chain.hops[0]!.status;
      facts.redirectChain = [...chain.hops.map((h) => h.url), final.url];
      facts.redirectLoop = chain.loop || chain.tooManyHops;
      facts.redirectedTo = final.url;
      facts.ttfbMs = Math.round(chain.final.ttfbMs);
      if (facts.redirectLoop) return;
      // Where the start URL lands (example.com → www.example.com) is the site too. Its robots.txt and sitemap
      // usually redirect the same way, and fetchChain follows them.
      if (id === 0 && final.status !== null && final.status < 300)
        inScope = makeScope([o.startUrl, final.url], o.includeSubdomains);
      if (inScope(final.url)) {
        addRef(s.inbound, final.url, facts.url);
        const known = s.ids.has(final.url);
        const fid = register(final.url, facts.depth);
        if (fid !== null) s.edges[id]!.push(fid);
        // Analyse the redirect target here only if nobody else has claimed it yet.
        if (known || fid === null) return;
        target = s.pages[fid]!;
      } else return;
    }
    applyAnalysis(target, final, r.analysis);
    if (id === 0) {
      s.startFinalUrl = final.url;
      s.startHsts = final.url.startsWith("https:") ? !!final.headers["strict-transport-security"] : null;
    }
    if (!r.analysis) return;
    // A JSON round trip gives the kept findings their own strings (see own() in fetch-page.ts).
    s.findings.push(...(JSON.parse(JSON.stringify(r.analysis.findings)) as Finding[]));
    const tid = s.ids.get(target.url)!;
    for (const l of r.analysis.links) {
      if (l.url === target.url) continue;
      if (!inScope(l.url)) {
        addRef(s.external, l.url, target.url, MAX_EXTERNAL);
        continue;
      }
      if (!s.ids.has(l.url) && !o.robots.isAllowed(l.url)) {
        addRef(s.blocked, l.url, target.url);
        continue;
      }
      const lid = enqueue(l.url, target.depth === null ? null : target.depth + 1);
      // Only targets inside the budget are tracked: nothing is known about the others anyway.
      if (lid === null) continue;
      addRef(s.inbound, l.url, target.url);
      s.edges[tid]!.push(lid);
    }
    for (const img of r.analysis.images) addRef(s.images, img, target.url, MAX_IMAGES);
  };

  const concurrency = o.robots.crawlDelayMs > 0 ? 1 : Math.max(1, o.concurrency);
  enqueue(o.startUrl, 0);
  await new Promise<void>((resolve) => {
    let active = 0;
    const pump = () => {
      if (head >= queue.length && active === 0 && !sitemapQueued) {
        // Links first, then sitemap-only URLs: the budget goes to what visitors can reach.
        sitemapQueued = true;
        for (const u of o.sitemap.urls.keys()) if (inScope(u) && o.robots.isAllowed(u)) enqueue(u, null);
      }
      while (active < concurrency && head < queue.length) {
        const id = queue[head++]!;
        active++;
        visit(id)
          .catch((e: unknown) => {
            s.pages[id]!.error = (e as Error).message;
          })
          .then(async () => {
            active--;
            done++;
            o.onProgress?.({ phase: "crawling", pagesDone: done, queued: queue.length - head, site: o.startUrl });
            if (o.robots.crawlDelayMs > 0) await sleep(o.robots.crawlDelayMs);
            pump();
          });
      }
      if (head >= queue.length && active === 0 && sitemapQueued) resolve();
    };
    pump();
  });
  computeDepths(s);
  return s;
}

/** Exact click depth by BFS over the stored link graph (the crawl order is only approximately BFS). */
function computeDepths(s: CrawlState): void {
  const depth = new Int32Array(s.pages.length).fill(-1);
  if (!s.pages.length) return;
  depth[0] = 0;
  const q = [0];
  for (let i = 0; i < q.length; i++) {
    const d = depth[q[i]!]!;
    for (const t of s.edges[q[i]!]!)
      if (depth[t] === -1) {
        depth[t] = d + 1;
        q.push(t);
      }
  }
  s.pages.forEach((p, i) => (p.depth = depth[i]! >= 0 ? depth[i]! : null));
}

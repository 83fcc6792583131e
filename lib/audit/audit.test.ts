import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "./audit";
import { CATALOGUE } from "./catalogue";
import { AuditUnreachableError } from "./errors";
import { brokenSite, ORIGIN, otherSite } from "./testing/broken-site";
import { cleanSite } from "./testing/clean-site";
import { FIXTURE_CA, serveFixture, type FixtureServer } from "./testing/fixture-server";
import { page } from "./testing/html";
import type { AuditResult } from "./types";

const servers: FixtureServer[] = [];
const serve = async (...args: Parameters<typeof serveFixture>) => {
  const s = await serveFixture(...args);
  servers.push(s);
  return s;
};
afterAll(() => Promise.all(servers.map((s) => s.close())));

const audit = (url: string, more: Partial<Parameters<typeof runAudit>[0]> = {}) =>
  runAudit({ url, allowPrivate: true, ca: FIXTURE_CA, ...more });

/** "check path [linkedFrom paths]" lines, origin-relative, for exact comparison. */
function lines(r: AuditResult, origins: Record<string, string>): string[] {
  const rel = (u: string) => Object.entries(origins).reduce((s, [o, name]) => s.replace(o, name), u);
  return r.findings.map((f) => {
    const from = f.details.linkedFrom as string[] | undefined;
    return `${f.check} ${rel(f.url)}${from ? ` <- ${from.map(rel).join(",")}` : ""}`;
  });
}

describe("clean fixture site", () => {
  let result: AuditResult;
  let site: FixtureServer;
  beforeAll(async () => {
    const other = await serve({ "/": { body: "partner" } }, { host: "localhost" });
    site = await serve(cleanSite(), { https: true, vars: { other: other.origin } });
    result = await audit(site.origin, { keywords: ["fixture page"] });
  });

  it("yields zero findings and a perfect score", () => {
    expect(result.findings).toEqual([]);
    expect(result.score).toBe(100);
    expect(Object.values(result.categories)).toEqual(Array(8).fill(100));
  });

  it("crawls every page once, with click depth, and fills the result envelope", () => {
    expect(result.schemaVersion).toBe(1);
    expect(result.target).toBe(`${site.origin}/`);
    expect(result.pages.map((p) => [p.url.replace(site.origin, ""), p.status, p.depth])).toEqual([
      ["/", 200, 0],
      ["/about", 200, 1],
      ["/services", 200, 1],
      ["/contact", 200, 1],
      ["/blog", 200, 1],
      ["/de/", 200, 1],
      ["/blog/first-post", 200, 2],
    ]);
    for (const p of ["/", "/about", "/blog/first-post"]) expect(site.hits.get(p)).toBe(1);
    expect(result.stats).toMatchObject({
      pagesCrawled: 7,
      robotsTxt: "found",
      sitemapUrls: 7,
      externalLinksChecked: 1,
    });
    expect(Date.parse(result.finishedAt)).toBeGreaterThanOrEqual(Date.parse(result.startedAt));
  });

  it("reports keyword usage", () => {
    const [k] = result.keywords;
    expect(k!.keyword).toBe("fixture page");
    expect(k!.missing).toBe(false);
    expect(k!.pages).toHaveLength(7);
    expect(k!.pages.every((p) => p.inTitle && !p.inH1)).toBe(true);
    expect(k!.bestPage).toBe(`${site.origin}/`);
  });
});

describe("broken fixture site", () => {
  let result: AuditResult;
  let found: string[];
  beforeAll(async () => {
    const other = await serve(otherSite(), { host: "localhost" });
    const site = await serve(brokenSite(), { https: true, vars: { other: other.origin } });
    ORIGIN.value = site.origin;
    result = await audit(site.origin, { keywords: ["garden tools", "lantern"] });
    found = lines(result, { [site.origin]: "", [other.origin]: "OTHER" });
  });

  it("reports exactly the planted problems", () => {
    expect(found).toEqual([
      "blocked-by-robots /private/secret <- /",
      "broken-external-link OTHER/dead <- /",
      "canonical-broken /gone <- /canon-broken",
      "deep-page /level4",
      "duplicate-content /dup-a",
      "duplicate-content /dup-b",
      "hreflang-broken /hreflang-missing <- /hreflang-a",
      "hreflang-no-return /hreflang-b",
      "hsts-missing /",
      "http-4xx /gone-from-sitemap <- ",
      "http-4xx /missing <- /",
      "http-5xx /error <- /",
      "image-too-large /big.jpg <- /",
      "internal-link-to-redirect /moved <- /",
      "internal-link-to-redirect /r1 <- /",
      "keyword-cannibalization /",
      "keyword-not-targeted /",
      "meta-description-duplicate /dup-a",
      "meta-description-duplicate /dup-b",
      "noindex /noindexed",
      "not-in-sitemap /about",
      "orphan-page /orphan",
      "redirect-chain /r1 <- /",
      "redirect-loop /loop-a <- /",
      "sitemap-noindex /noindexed",
      "sitemap-non-200 /error <- /sitemap-pages.xml",
      "sitemap-non-200 /gone-from-sitemap <- /sitemap-pages.xml",
      "sitemap-non-200 /loop-a <- /sitemap-pages.xml",
      "sitemap-non-200 /missing <- /sitemap-pages.xml",
      "sitemap-non-200 /missing-sitemap.xml <- /robots.txt",
      "sitemap-non-200 /moved <- /sitemap-pages.xml",
      "sitemap-non-200 /r1 <- /sitemap-pages.xml",
      "title-duplicate /dup-a",
      "title-duplicate /dup-b",
    ]);
  });

  it("records redirect chains hop by hop and retries a 5xx once", () => {
    const chain = result.findings.find((f) => f.check === "redirect-chain")!;
    expect((chain.details.chain as string[]).map((u) => new URL(u).pathname)).toEqual(["/r1", "/r2", "/r3"]);
    expect(result.pages.find((p) => p.url.endsWith("/flaky"))!.status).toBe(200);
  });

  it("never fetches URLs disallowed by robots.txt", () => {
    expect(result.pages.some((p) => p.url.includes("/private"))).toBe(false);
  });

  it("scores deterministically below 100 and uses only catalogued checks", () => {
    expect(result.score).toBeLessThan(100);
    expect(result.categories.crawlability).toBeLessThan(result.categories.performance);
    for (const f of result.findings) expect(CATALOGUE[f.check]?.severity).toBe(f.severity);
  });

  it("marks the keyword report", () => {
    const lantern = result.keywords.find((k) => k.keyword === "lantern")!;
    expect(lantern.missing).toBe(false);
    expect(lantern.bestPage).toMatch(/\/(about|level1)$/);
    expect(result.keywords.find((k) => k.keyword === "garden tools")!.missing).toBe(true);
  });
});

describe("http sites, budget and politeness", () => {
  const plain = (path: string) => ({ body: page({ path }), gzip: true });

  it("reports not-https, robots-txt-missing and sitemap-missing on a bare http site", async () => {
    const site = await serve({ "/": plain("/") });
    const r = await audit(site.origin);
    expect(lines(r, { [site.origin]: "" })).toEqual([
      "not-https /",
      "robots-txt-missing /robots.txt",
      "sitemap-missing /",
    ]);
  });

  it("does not report not-https when http redirects to https", async () => {
    const secure = await serve(cleanSite(), { https: true, vars: { other: "https://localhost:1" } });
    const port = new URL(secure.origin).port;
    const redirector = await serve({ "/": { status: 301, headers: { location: `https://127.0.0.1:${port}/` } } });
    const r = await audit(redirector.origin, { maxPages: 3 });
    expect(r.findings.map((f) => f.check)).not.toContain("not-https");
    expect(r.pages[0]!.status).toBe(301);
  });

  it("follows a start URL that redirects to another host (example.com → www.example.com) and crawls that host", async () => {
    const www = await serve(
      {
        "/robots.txt": { headers: { "content-type": "text/plain" }, body: "User-agent: *\nDisallow: /private\n" },
        "/": {
          body: page({
            path: "/",
            links: [
              { href: "/a", text: "Page A" },
              { href: "/private", text: "Private" },
            ],
          }),
        },
        "/a": { body: page({ path: "/a" }) },
      },
      { host: "localhost" },
    );
    const apex = await serve({
      "/": { status: 301, headers: { location: `${www.origin}/` } },
      "/robots.txt": { status: 301, headers: { location: `${www.origin}/robots.txt` } },
    });
    const r = await audit(apex.origin);
    expect(r.pages.map((p) => [p.url, p.status])).toEqual([
      [`${apex.origin}/`, 301],
      [`${www.origin}/`, 200],
      [`${www.origin}/a`, 200],
    ]);
    expect(r.stats.robotsTxt).toBe("found"); // the landing host's robots.txt
    expect(r.findings.find((f) => f.check === "blocked-by-robots")?.url).toBe(`${www.origin}/private`);
  });

  it("stops at the page budget", async () => {
    const links = Array.from({ length: 30 }, (_, i) => ({ href: `/p${i}`, text: `Page ${i}` }));
    const site = await serve({}, { fallback: (p) => ({ body: page({ path: p, links }) }) });
    const r = await audit(site.origin, { maxPages: 10, concurrency: 4 });
    expect(r.pages).toHaveLength(10);
    expect([...site.hits.keys()].filter((p) => p.startsWith("/p"))).toHaveLength(9);
  });

  it("honours Crawl-delay for SEOHealthBot (one request at a time)", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = (path: string) => () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => inFlight--, 30);
      return { body: page({ path }), delayMs: 30 };
    };
    const site = await serve({
      "/robots.txt": {
        headers: { "content-type": "text/plain" },
        body: "User-agent: SEOHealthBot\nCrawl-delay: 0.05\n",
      },
      "/": { body: page({ path: "/", links: [1, 2, 3].map((i) => ({ href: `/c${i}`, text: `Child ${i}` })) }) },
      "/c1": slow("/c1"),
      "/c2": slow("/c2"),
      "/c3": slow("/c3"),
    });
    const r = await audit(site.origin, { concurrency: 8 });
    expect(r.pages).toHaveLength(4);
    expect(maxInFlight).toBe(1);
  });

  it("fails with AuditUnreachableError when nothing answers", async () => {
    const s = await serve({});
    const origin = s.origin;
    await s.close();
    await expect(audit(origin)).rejects.toBeInstanceOf(AuditUnreachableError);
  });

  it("audits competitors with a smaller budget and the same checks", async () => {
    const target = await serve({ "/": plain("/") });
    const links = Array.from({ length: 80 }, (_, i) => ({ href: `/p${i}`, text: `Page ${i}` }));
    const comp = await serve(
      { "/": { body: page({ path: "/", title: "Garden tools for every season and size", links }) } },
      { fallback: (p) => ({ body: page({ path: p }) }) },
    );
    const r = await audit(target.origin, { competitors: [comp.origin], keywords: ["garden tools"], maxPages: 100 });
    expect(r.competitors).toHaveLength(1);
    expect(r.competitors[0]).toMatchObject({ url: `${comp.origin}/`, pages: 50 });
    expect(r.competitors[0]!.keywords).toEqual([
      { keyword: "garden tools", missing: false, bestPage: `${comp.origin}/` },
    ]);
    expect(r.competitors[0]!.score).toBeGreaterThan(0);
  });
});

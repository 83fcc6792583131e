import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "@/lib/audit/audit";
import { brokenSite, ORIGIN, otherSite } from "@/lib/audit/testing/broken-site";
import { serveFixture, type FixtureServer } from "@/lib/audit/testing/fixture-server";
import type { EngineFinding, SitePage } from "./engine";
import { decodeSignature, encodeSignature } from "./page-data";
import { fullEngine, normalise } from "./full-engine";

// The adapter must report what the in-memory engine reports, when the pipeline drives it page by page.
describe("full engine adapter", () => {
  let site: FixtureServer;
  let other: FixtureServer;
  beforeAll(async () => {
    other = await serveFixture(otherSite(), { host: "localhost" });
    site = await serveFixture(brokenSite(), { vars: { other: other.origin } });
    ORIGIN.value = site.origin;
  });
  afterAll(() => Promise.all([site.close(), other.close()]));

  const key = (f: EngineFinding) => `${f.check} ${f.url.replace(site.origin, "").replace(other.origin, "OTHER")}`;

  it("finds the same problems as runAudit on the broken fixture site", async () => {
    const start = normalise(site.origin);
    const pages: SitePage[] = [];
    const findings: EngineFinding[] = [];
    const seen = new Set([start]);
    const queue: { url: string; depth: number }[] = [{ url: start, depth: 0 }];
    // A minimal stand-in for crawl.ts: breadth first, every returned link queued once.
    while (queue.length) {
      const { url, depth } = queue.shift()!;
      const p = await fullEngine.fetchPage(url, { startUrl: start });
      pages.push({ url, status: p.status, title: p.title, depth, data: JSON.parse(JSON.stringify(p.data)) });
      findings.push(...p.findings);
      for (const l of p.links)
        if (!seen.has(l)) {
          seen.add(l);
          queue.push({ url: l, depth: depth + 1 });
        }
    }
    findings.push(...(await fullEngine.analyseSite(pages, { startUrl: start, keywords: ["garden tools", "lantern"] })));
    const viaPipeline = [...new Set(findings.map(key))].sort();
    const direct = await runAudit({ url: site.origin, allowPrivate: true, keywords: ["garden tools", "lantern"] });
    expect(viaPipeline).toEqual([...new Set(direct.findings.map(key))].sort());
    expect(viaPipeline).toContain("redirect-chain /r1");
    expect(viaPipeline).toContain("not-https /");
  });

  it("crawls the host the start URL redirects to", async () => {
    const apex = await serveFixture({ "/": { status: 301, headers: { location: `${other.origin}/` } } });
    const start = normalise(apex.origin);
    const first = await fullEngine.fetchPage(start, { startUrl: start });
    expect([first.status, first.links]).toEqual([301, [`${other.origin}/`]]);
    const landed = await fullEngine.fetchPage(`${other.origin}/`, { startUrl: start });
    expect(landed.status).toBe(200);
    await apex.close();
  });

  it("scores with the engine's formula and exposes its catalogue", () => {
    const f = [{ check: "title-missing", category: "on-page", severity: "error" }];
    expect(fullEngine.score(f, 1).categories["on-page"]).toBe(70);
    expect(Object.keys(fullEngine.catalogue)).toHaveLength(51);
    expect(fullEngine.catalogue["orphan-page"]).toMatchObject({ category: "crawlability", title: "Orphan pages" });
  });

  it("round-trips signatures through JSON", () => {
    const sig = new Uint32Array(64).map((_, i) => i * 2654435761);
    expect(decodeSignature(encodeSignature(sig))).toEqual(sig);
    expect(decodeSignature("short")).toBeNull();
  });
});

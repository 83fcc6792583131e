import { describe, expect, it } from "vitest";
import { page, type PageSpec } from "../testing/html";
import { analysePage, type PageInput } from "./page-checks";

const ORIGIN = "https://site.example";
const good = (over: Partial<PageSpec> = {}) => page({ path: "/p", ...over }).replaceAll("{{origin}}", ORIGIN);
const run = (html: string, over: Partial<PageInput> = {}) =>
  analysePage({ url: `${ORIGIN}/p`, headers: { "content-encoding": "gzip" }, html, ttfbMs: 50, keywords: [], ...over });
const checks = (html: string, over: Partial<PageInput> = {}) => run(html, over).findings.map((f) => f.check);

const cases: [check: string, positive: () => string[], negative: () => string[]][] = [
  ["title-missing", () => checks(good({ title: null })), () => checks(good())],
  ["title-missing", () => checks(good({ title: "   " })), () => checks(good({ title: "A".repeat(45) }))],
  ["title-too-long", () => checks(good({ title: "T".repeat(61) })), () => checks(good({ title: "T".repeat(60) }))],
  ["title-too-short", () => checks(good({ title: "T".repeat(29) })), () => checks(good({ title: "T".repeat(30) }))],
  [
    "title-multiple",
    () => checks(good({ head: "<title>Second title for this page ok</title>" })),
    () => checks(good({ body: "<svg><title>icon</title></svg>" })),
  ],
  ["meta-description-missing", () => checks(good({ description: null })), () => checks(good())],
  [
    "meta-description-too-long",
    () => checks(good({ description: "d".repeat(161) })),
    () => checks(good({ description: "d".repeat(160) })),
  ],
  [
    "meta-description-too-short",
    () => checks(good({ description: "d".repeat(69) })),
    () => checks(good({ description: "d".repeat(70) })),
  ],
  ["h1-missing", () => checks(good({ h1: null })), () => checks(good())],
  ["h1-multiple", () => checks(good({ body: "<h1>Another</h1>" })), () => checks(good())],
  [
    "heading-level-skip",
    () => checks(good({ body: "<h4>Too deep</h4>" })),
    () => checks(good({ body: "<h3>Next</h3><h2>Up</h2><h3>Down</h3>" })),
  ],
  ["thin-content", () => checks(good({ words: 150 })), () => checks(good({ words: 200 }))],
  [
    "image-alt-missing",
    () => checks(good({ body: '<img src="/a.png">' })),
    () => checks(good({ body: '<img src="/a.png" alt="">' })),
  ],
  ["html-lang-missing", () => checks(good({ lang: null })), () => checks(good({ lang: "de" }))],
  ["viewport-missing", () => checks(good({ viewport: false })), () => checks(good())],
  [
    "link-text-generic",
    () => checks(good({ links: [{ href: "/x", text: "Click here" }] })),
    () => checks(good({ links: [{ href: "/x", text: "Click here for pricing plans" }] })),
  ],
  [
    "link-text-generic",
    () => checks(good({ links: [{ href: "/x", text: " Read more… " }] })),
    () => checks(good({ body: '<a href="/x" aria-label="Pricing plans">more</a>' })),
  ],
  ["open-graph-missing", () => checks(good({ og: false })), () => checks(good())],
  [
    "mixed-content",
    () => checks(good({ body: '<img src="http://cdn.example/a.png" alt="a">' })),
    () => checks(good({ body: '<a href="http://other.example/">Other site link text</a>' })),
  ],
  [
    "mixed-content",
    () => checks(good({ head: '<link rel="stylesheet" href="http://cdn.example/a.css">' })),
    () => checks(good({ body: '<img src="http://cdn.example/a.png" alt="a">' }), { url: "http://site.example/p" }),
  ],
  ["slow-response", () => checks(good(), { ttfbMs: 1001 }), () => checks(good(), { ttfbMs: 1000 })],
  [
    "html-too-large",
    () => checks(good({ body: `<!--${"x".repeat(520 * 1024)}-->` })),
    () => checks(good({ body: `<!--${"x".repeat(400 * 1024)}-->` })),
  ],
  ["no-compression", () => checks(good(), { headers: {} }), () => checks("<html>tiny</html>", { headers: {} })],
  [
    "hreflang-invalid",
    () => checks(good({ head: '<link rel="alternate" hreflang="english" href="/en">' })),
    () =>
      checks(
        good({
          head: '<link rel="alternate" hreflang="en-GB" href="/en"><link rel="alternate" hreflang="x-default" href="/"><link rel="alternate" hreflang="zh-Hant-TW" href="/tw">',
        }),
      ),
  ],
  [
    "structured-data-invalid",
    () => checks(good({ head: '<script type="application/ld+json">{"@type": "Product",</script>' })),
    () => checks(good({ head: '<script type="application/ld+json">{"@type":"Product","name":"Lamp"}</script>' })),
  ],
  [
    "structured-data-invalid",
    () => checks(good({ head: '<script type="application/ld+json">{"name":"No type"}</script>' })),
    () =>
      checks(
        good({
          head: '<script type="application/ld+json">[{"@type":"WebSite"},{"@type":["Organization"],"name":"X"}]</script>',
        }),
      ),
  ],
  [
    "noindex",
    () => checks(good({ head: '<meta name="robots" content="noindex, follow">' })),
    () => checks(good({ head: '<meta name="robots" content="index, follow">' })),
  ],
  [
    "noindex",
    () => checks(good(), { headers: { "content-encoding": "gzip", "x-robots-tag": "noindex" } }),
    () => checks(good(), { headers: { "content-encoding": "gzip", "x-robots-tag": "noarchive" } }),
  ],
  [
    "canonical-missing",
    () => checks(good({ canonical: null })),
    () => checks(good({ canonical: null, head: '<meta name="robots" content="noindex">' })),
  ],
  [
    "canonical-multiple",
    () => checks(good({ head: '<link rel="canonical" href="/other">' })),
    () => checks(good({ head: `<link rel="canonical" href="${ORIGIN}/p#top">` })),
  ],
  [
    "canonical-multiple",
    () =>
      checks(good(), { headers: { "content-encoding": "gzip", link: '<https://site.example/q>; rel="canonical"' } }),
    () =>
      checks(good(), { headers: { "content-encoding": "gzip", link: '<https://site.example/p>; rel="canonical"' } }),
  ],
];

describe("per-page checks", () => {
  it("a well-formed page has no findings", () => {
    expect(run(good()).findings).toEqual([]);
  });

  it.each(cases)("%s: positive and negative", (check, positive, negative) => {
    expect(positive()).toContain(check);
    expect(negative()).not.toContain(check);
  });

  it.each([
    ["Product", '{"@type":"Product","offers":{}}', "name"],
    ["Article", '{"@type":"Article","author":"A"}', "headline"],
    ["Organization", '{"@type":"Organization","url":"/"}', "name"],
    ["BreadcrumbList", '{"@type":"BreadcrumbList","itemListElement":[]}', "itemListElement"],
    ["FAQPage", '{"@type":"FAQPage"}', "mainEntity"],
  ])("structured-data-incomplete: %s without %s", (type, json, property) => {
    const f = run(good({ head: `<script type="application/ld+json">${json}</script>` })).findings;
    expect(f.map((x) => [x.check, x.details])).toEqual([["structured-data-incomplete", { type, property }]]);
  });

  it("counts lengths in characters after collapsing whitespace", () => {
    const title = `${"é".repeat(20)}   \n  ${"漢".repeat(20)}`; // 41 characters once collapsed
    const f = run(good({ title })).findings;
    expect(f).toEqual([]);
    expect(run(good({ title })).title).toBe(`${"é".repeat(20)} ${"漢".repeat(20)}`);
  });

  it("extracts facts for site-wide checks", () => {
    const a = run(
      good({
        links: [
          { href: "/a#x", text: "Page A" },
          { href: "b", text: "Page B" },
          { href: "mailto:x@y", text: "Mail" },
        ],
      }),
      {
        keywords: ["garden", "nothing-here"],
      },
    );
    expect(a.links.map((l) => l.url)).toEqual([`${ORIGIN}/a`, `${ORIGIN}/b`]);
    expect(a.canonicals).toEqual([`${ORIGIN}/p`]);
    expect(a.signature).toHaveLength(64);
    expect(Object.keys(a.keywordCounts)).toEqual(a.keywordCounts.garden ? ["garden"] : []);
  });
});

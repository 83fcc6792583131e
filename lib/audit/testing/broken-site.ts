/**
 * A site with one instance of each site-wide problem (and a few near misses
 * that must not be reported, e.g. a 500 that succeeds on retry). Served over
 * https without HSTS; {{other}} is a second host for external links.
 */
import zlib from "node:zlib";
import { page, type PageSpec } from "./html";
import type { Route, Routes } from "./fixture-server";

const ok = (spec: PageSpec): Route => ({ body: page(spec), gzip: true });
const redirect = (to: string, status = 301): Route => ({ status, headers: { location: to } });
const xml = (body: string): Route => ({ headers: { "content-type": "application/xml" }, body });

const HOME_LINKS = [
  "/about",
  "/missing",
  "/error",
  "/flaky",
  "/r1",
  "/loop-a",
  "/moved",
  "/private/secret",
  "/noindexed",
  "/dup-a",
  "/dup-b",
  "/level1",
  "/canon-broken",
  "/hreflang-a",
  "{{other}}/dead",
  "{{other}}/fine",
].map((href, i) => ({ href, text: `Section number ${i + 1}` }));

const dup = (path: string): Route =>
  ok({
    path,
    seed: 42,
    title: "Identical title for both duplicates",
    description: "Identical description for both of the duplicate pages on this fixture site.",
  });

export function brokenSite(): Routes {
  const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{{origin}}/sitemap-pages.xml</loc></sitemap></sitemapindex>`;
  const sitemapPaths = [
    "/",
    "/orphan",
    "/noindexed",
    "/gone-from-sitemap",
    "/dup-a",
    "/dup-b",
    "/missing",
    "/error",
    "/flaky",
    "/level1",
    "/level2",
    "/level3",
    "/level4",
    "/canon-broken",
    "/hreflang-a",
    "/hreflang-b",
    "/r3",
    "/loop-a",
    "/r1",
    "/moved",
  ];
  return {
    "/robots.txt": {
      headers: { "content-type": "text/plain" },
      body: "User-agent: *\nDisallow: /private\n\nSitemap: {{origin}}/sitemap_index.xml.gz\nSitemap: {{origin}}/missing-sitemap.xml\n",
    },
    // The index is gzipped with its own name; the fixture server fills {{origin}} only in strings, so fill lazily.
    "/sitemap_index.xml.gz": () => ({
      headers: { "content-type": "application/gzip" },
      body: zlib.gzipSync(index.replaceAll("{{origin}}", ORIGIN.value)),
    }),
    "/sitemap-pages.xml": xml(
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${sitemapPaths.map((p) => `<url><loc>{{origin}}${p}</loc></url>`).join("")}</urlset>`,
    ),
    "/": ok({ path: "/", links: HOME_LINKS, body: '<img src="/big.jpg" alt="A big photo">' }),
    "/big.jpg": { headers: { "content-type": "image/jpeg" }, body: Buffer.alloc(300 * 1024, 7) },
    "/about": ok({
      path: "/about",
      title: "Lantern makers of the harbor district",
      h1: "Lantern makers",
      links: [{ href: "/", text: "Home page" }],
    }),
    "/missing": { status: 404, body: "gone" },
    "/error": { status: 500, body: "boom" },
    "/flaky": (n) => (n === 1 ? { status: 503, body: "busy" } : ok({ path: "/flaky" })),
    "/r1": redirect("/r2"),
    "/r2": redirect("/r3", 302),
    "/r3": ok({ path: "/r3" }),
    "/loop-a": redirect("/loop-b"),
    "/loop-b": redirect("/loop-a"),
    "/moved": redirect("/about"),
    "/private/secret": ok({ path: "/private/secret" }),
    "/noindexed": ok({ path: "/noindexed", head: '<meta name="robots" content="noindex">' }),
    "/dup-a": dup("/dup-a"),
    "/dup-b": dup("/dup-b"),
    "/level1": ok({
      path: "/level1",
      title: "Lantern workshop courses for beginners",
      h1: "Lantern workshop",
      links: [{ href: "/level2", text: "Level two page" }],
    }),
    "/level2": ok({ path: "/level2", links: [{ href: "/level3", text: "Level three page" }] }),
    "/level3": ok({ path: "/level3", links: [{ href: "/level4", text: "Level four page" }] }),
    "/level4": ok({ path: "/level4" }),
    "/orphan": ok({ path: "/orphan" }),
    "/canon-broken": ok({ path: "/canon-broken", canonical: "{{origin}}/gone" }),
    "/hreflang-a": ok({
      path: "/hreflang-a",
      head: '<link rel="alternate" hreflang="en" href="{{origin}}/hreflang-a"><link rel="alternate" hreflang="de" href="{{origin}}/hreflang-b"><link rel="alternate" hreflang="fr" href="{{origin}}/hreflang-missing">',
      links: [{ href: "/hreflang-b", text: "German version" }],
    }),
    "/hreflang-b": ok({ path: "/hreflang-b", lang: "de" }),
  };
}

/** Set by the test once the server is listening (the gzipped index cannot use {{origin}} templating). */
export const ORIGIN = { value: "" };

export const otherSite = (): Routes => ({ "/fine": { body: "ok" }, "/": { body: "ok" } });

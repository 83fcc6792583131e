/**
 * A site that does everything right: https with HSTS, gzip, robots.txt with a
 * sitemap, every page canonical, unique, long enough, linked, hreflang pairs
 * that return, valid JSON-LD, a small image with alt text and a working
 * external link ({{other}}). Auditing it must produce zero findings.
 */
import { page } from "./html";
import type { Route, Routes } from "./fixture-server";

const PATHS = ["/", "/about", "/services", "/contact", "/blog", "/blog/first-post", "/de/"];

const nav = [
  { href: "/about", text: "About our studio" },
  { href: "/services", text: "Services we offer" },
  { href: "/contact", text: "Contact the team" },
  { href: "/blog", text: "Company blog" },
  { href: "/de/", text: "Deutsche Version" },
];

const html = (body: string): Route => ({
  body,
  gzip: true,
  headers: { "strict-transport-security": "max-age=31536000" },
});

const hreflang = `<link rel="alternate" hreflang="en" href="{{origin}}/"><link rel="alternate" hreflang="de-DE" href="{{origin}}/de/"><link rel="alternate" hreflang="x-default" href="{{origin}}/">`;
const orgJsonLd = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Fixture Studio","url":"{{origin}}/"}</script>`;
const articleJsonLd = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Article","headline":"First post"},{"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":1,"name":"Blog"}]}]}</script>`;

export function cleanSite(): Routes {
  const routes: Routes = {
    "/robots.txt": {
      headers: { "content-type": "text/plain" },
      body: "User-agent: *\nDisallow:\nSitemap: {{origin}}/sitemap.xml\n",
    },
    "/sitemap.xml": {
      headers: { "content-type": "application/xml" },
      body: `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${PATHS.map((p) => `<url><loc>{{origin}}${p}</loc></url>`).join("")}</urlset>`,
    },
    "/logo.png": { headers: { "content-type": "image/png" }, body: Buffer.alloc(2048, 1) },
    "/": html(
      page({
        path: "/",
        head: hreflang + orgJsonLd,
        links: nav,
        body: `<img src="/logo.png" alt="Fixture Studio logo"><p>Partner: <a href="{{other}}/">our partner agency</a></p>`,
      }),
    ),
    "/de/": html(page({ path: "/de/", lang: "de", head: hreflang, links: [{ href: "/", text: "English homepage" }] })),
    "/about": html(page({ path: "/about", links: nav })),
    "/services": html(page({ path: "/services", links: nav })),
    "/contact": html(page({ path: "/contact", links: nav })),
    "/blog": html(page({ path: "/blog", links: [...nav, { href: "/blog/first-post", text: "Our first post" }] })),
    "/blog/first-post": html(
      page({ path: "/blog/first-post", head: articleJsonLd, links: [{ href: "/blog", text: "Back to the blog" }] }),
    ),
  };
  return routes;
}

export const CLEAN_PATHS = PATHS;

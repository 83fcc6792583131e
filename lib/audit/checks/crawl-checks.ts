/** Site-wide crawlability checks over the crawled pages' facts and link bookkeeping. */
import { finding } from "../finding";
import type { Finding, PageFacts } from "../types";
import { siteRoot } from "../url";
import { refs, type SiteInput } from "./site-input";

const ok = (p: PageFacts) => p.status === 200;

export function crawlChecks(s: SiteInput): Finding[] {
  const out: Finding[] = [];
  const starts = new Set([s.startUrl, s.startFinalUrl]);
  for (const p of s.pages) {
    const linkedFrom = refs(s.inbound, p.url);
    const st = p.status;
    if (st !== null && st >= 400 && st < 500)
      out.push(finding("http-4xx", p.url, `The URL answers HTTP ${st}.`, { status: st, linkedFrom }));
    else if ((st !== null && st >= 500) || (st === null && p.error))
      out.push(
        finding(
          "http-5xx",
          p.url,
          st ? `The URL answered HTTP ${st} twice.` : `The URL could not be fetched: ${p.error}`,
          {
            status: st,
            error: p.error,
            linkedFrom,
          },
        ),
      );
    const hops = p.redirectChain.length - 1;
    if (p.redirectLoop)
      out.push(
        finding("redirect-loop", p.url, "The URL redirects in a loop or through more than 10 hops.", {
          chain: p.redirectChain,
          linkedFrom,
        }),
      );
    else if (hops >= 2)
      out.push(
        finding("redirect-chain", p.url, `The URL redirects ${hops} times before reaching a page.`, {
          chain: p.redirectChain,
          hops,
          linkedFrom,
        }),
      );
    if (hops >= 1 && !p.redirectLoop && linkedFrom.length)
      out.push(
        finding(
          "internal-link-to-redirect",
          p.url,
          `Internal links point to a URL that redirects to ${p.redirectedTo}.`,
          { redirectsTo: p.redirectedTo, linkedFrom },
        ),
      );
    if (p.fromSitemap && st !== null && st !== 200)
      out.push(
        finding("sitemap-non-200", p.url, `The sitemap lists a URL that answers HTTP ${st}.`, {
          status: st,
          linkedFrom: [s.sitemap.urls.get(p.url) ?? s.sitemap.files[0]?.url].filter(Boolean),
        }),
      );
    if (p.fromSitemap && ok(p) && p.noindex)
      out.push(finding("sitemap-noindex", p.url, "The sitemap lists a page marked noindex."));
    if (s.sitemap.found && p.indexable && !p.fromSitemap && p.depth !== null)
      out.push(finding("not-in-sitemap", p.url, "The indexable page is not listed in the sitemap."));
    if (p.fromSitemap && ok(p) && p.isHtml && !linkedFrom.length && !starts.has(p.url))
      out.push(finding("orphan-page", p.url, "The page is in the sitemap but no crawled page links to it."));
    if (p.depth !== null && p.depth > 3 && ok(p) && p.isHtml)
      out.push(
        finding("deep-page", p.url, `The page is ${p.depth} clicks from the start page (over 3).`, { depth: p.depth }),
      );
  }
  if (s.robots.status === "missing")
    out.push(finding("robots-txt-missing", s.robots.url, "The site has no robots.txt."));
  for (const [url, from] of s.blocked)
    out.push(
      finding("blocked-by-robots", url, "robots.txt disallows this linked URL for SEOHealthBot.", { linkedFrom: from }),
    );
  if (!s.sitemap.found)
    out.push(
      finding("sitemap-missing", siteRoot(s.startUrl), "No XML sitemap was found (robots.txt or /sitemap.xml)."),
    );
  for (const f of s.sitemap.files)
    if (f.status !== 200 && (f.fromRobots || f.status !== 404))
      out.push(
        finding(
          "sitemap-non-200",
          f.url,
          `The sitemap file answers ${f.status ? `HTTP ${f.status}` : "no response"}.`,
          { status: f.status, linkedFrom: [s.robots.url] },
        ),
      );
  out.push(...targetChecks(s, "canonical-broken", (p) => (p.canonical && p.canonical !== p.url ? [p.canonical] : [])));
  return out;
}

/** Link targets declared by pages (canonical, hreflang) that must answer 200; grouped by target. */
export function targetChecks(s: SiteInput, check: string, targets: (p: PageFacts) => string[]): Finding[] {
  const byTarget = new Map<string, string[]>();
  for (const p of s.pages)
    for (const t of targets(p)) {
      const list = byTarget.get(t) ?? [];
      if (list.length < 10) list.push(p.url);
      byTarget.set(t, list);
    }
  const ids = new Map(s.pages.map((p) => [p.url, p]));
  const out: Finding[] = [];
  for (const [t, from] of byTarget) {
    const status = ids.has(t) ? ids.get(t)!.status : (s.probes.get(t)?.status ?? undefined);
    if (status === undefined || status === 200) continue;
    const what = check === "canonical-broken" ? "canonical" : "hreflang alternate";
    out.push(
      finding(check, t, `The ${what} target answers ${status === null ? "no response" : `HTTP ${status}`}.`, {
        status,
        linkedFrom: from,
      }),
    );
  }
  return out;
}

/**
 * Per start URL: where it lands (example.com → www.example.com), robots.txt and
 * sitemaps, shared by the chunks of a crawl running in this process. Entries
 * expire after 10 minutes; a step retried on another worker simply loads them
 * again, so nothing here needs to be durable.
 */
import type { Fetcher } from "@/lib/audit/fetcher";
import { fetchChain } from "@/lib/audit/redirects";
import { loadRobots, type Robots } from "@/lib/audit/robots";
import { loadSitemaps, type SitemapInfo } from "@/lib/audit/sitemap";

const TTL_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 200;

/** `home` is the URL the start URL lands on; its host is part of the site. */
type SiteContext = { robots: Robots; sitemap: SitemapInfo; home: string };
const cache = new Map<string, { at: number; value: Promise<SiteContext> }>();

export function siteContext(fetcher: Fetcher, startUrl: string): Promise<SiteContext> {
  const hit = cache.get(startUrl);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = (async () => {
    const landing = await fetchChain(fetcher, startUrl, { readBody: false });
    const status = landing.final.status ?? 0;
    const home = landing.hops.length && !landing.loop && status >= 200 && status < 300 ? landing.final.url : startUrl;
    const origin = new URL(startUrl).origin;
    const robots = await loadRobots(fetcher, origin);
    return { robots, sitemap: await loadSitemaps(fetcher, origin, robots.sitemaps), home };
  })();
  // A failed load must not be cached: the next page tries again.
  value.catch(() => cache.delete(startUrl));
  cache.set(startUrl, { at: Date.now(), value });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}

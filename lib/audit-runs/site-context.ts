/**
 * robots.txt and sitemaps per origin, shared by the chunks of a crawl running
 * in this process. Entries expire after 10 minutes; a step retried on another
 * worker simply loads them again, so nothing here needs to be durable.
 */
import type { Fetcher } from "@/lib/audit/fetcher";
import { loadRobots, type Robots } from "@/lib/audit/robots";
import { loadSitemaps, type SitemapInfo } from "@/lib/audit/sitemap";

const TTL_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 200;

type SiteContext = { robots: Robots; sitemap: SitemapInfo };
const cache = new Map<string, { at: number; value: Promise<SiteContext> }>();

export function siteContext(fetcher: Fetcher, origin: string): Promise<SiteContext> {
  const hit = cache.get(origin);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = (async () => {
    const robots = await loadRobots(fetcher, origin);
    return { robots, sitemap: await loadSitemaps(fetcher, origin, robots.sitemaps) };
  })();
  // A failed load must not be cached: the next page tries again.
  value.catch(() => cache.delete(origin));
  cache.set(origin, { at: Date.now(), value });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}

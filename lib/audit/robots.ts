/** robots.txt for our user agent token; a missing file means "allow everything". */
import robotsParser from "robots-parser";
import type { Fetcher } from "./fetcher";
import { fetchChain } from "./redirects";

export const BOT_TOKEN = "SEOHealthBot";
/** Crawl-delay above this is clamped: an audit must finish in bounded time. */
const MAX_DELAY_S = 10;

export type Robots = {
  status: "found" | "missing" | "error";
  url: string;
  isAllowed(url: string): boolean;
  crawlDelayMs: number;
  sitemaps: string[];
};

export async function loadRobots(fetcher: Fetcher, origin: string): Promise<Robots> {
  const url = new URL("/robots.txt", origin).href;
  const { final } = await fetchChain(fetcher, url, { readBody: true });
  // Parsed for the URL it finally came from: example.com/robots.txt redirecting to www.example.com/robots.txt
  // governs www.example.com, where the pages are.
  if (final.status === 200 && final.body !== null) return { ...parseRobots(final.url, final.body), url };
  const status = final.status !== null && final.status >= 400 && final.status < 500 ? "missing" : "error";
  return { status, url, isAllowed: () => true, crawlDelayMs: 0, sitemaps: [] };
}

export function parseRobots(url: string, body: string): Robots {
  const r = robotsParser(url, body);
  const delay = Math.min(MAX_DELAY_S, Number(r.getCrawlDelay(BOT_TOKEN) ?? 0) || 0);
  return {
    status: "found",
    url,
    // robots-parser answers undefined for URLs on another origin: those are not governed by this file.
    isAllowed: (u) => r.isAllowed(u, BOT_TOKEN) !== false,
    crawlDelayMs: delay * 1000,
    sitemaps: r.getSitemaps(),
  };
}

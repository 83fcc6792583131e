/** What the site-wide checks read: built by the crawler in memory, or by the pipeline adapter from stored pages. */
import type { Probe } from "../probes";
import type { PageFacts } from "../types";

export type Referrers = Map<string, string[]>;

export type SiteInput = {
  startUrl: string;
  startFinalUrl: string | null;
  startHsts: boolean | null;
  pages: PageFacts[];
  /** Internal target → crawled pages linking to it. */
  inbound: Referrers;
  blocked: Referrers;
  external: Referrers;
  images: Referrers;
  probes: Map<string, Probe>;
  robots: { status: "found" | "missing" | "error"; url: string };
  sitemap: {
    found: boolean;
    urls: Map<string, string>;
    files: { url: string; status: number | null; fromRobots: boolean }[];
  };
  keywords: string[];
};

export const refs = (map: Referrers, url: string) => map.get(url) ?? [];

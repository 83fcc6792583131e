/**
 * Sitemaps: from robots.txt `Sitemap:` lines, else /sitemap.xml; follows
 * sitemap indexes (bounded) and gunzips .xml.gz. Every fetch goes through the
 * guarded fetcher, so sitemaps cannot lead the crawler into private networks.
 */
import zlib from "node:zlib";
import { XMLParser } from "fast-xml-parser";
import type { Fetcher } from "./fetcher";
import { fetchChain } from "./redirects";
import { normaliseUrl } from "./url";

const MAX_FILES = 50;
const MAX_URLS = 50_000;

export type SitemapInfo = {
  /** At least one sitemap file answered 200 with a urlset or index. */
  found: boolean;
  /** Listed URL → the sitemap file that lists it. */
  urls: Map<string, string>;
  files: { url: string; status: number | null; fromRobots: boolean }[];
};

const parser = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === "url" || name === "sitemap" });

export async function loadSitemaps(fetcher: Fetcher, origin: string, fromRobots: string[]): Promise<SitemapInfo> {
  const info: SitemapInfo = { found: false, urls: new Map(), files: [] };
  const explicit = fromRobots.length > 0;
  const queue = (explicit ? fromRobots : [new URL("/sitemap.xml", origin).href]).flatMap((u) => normaliseUrl(u) ?? []);
  const seen = new Set(queue);
  while (queue.length && info.files.length < MAX_FILES) {
    const url = queue.shift()!;
    const { final } = await fetchChain(fetcher, url, { readBody: true, raw: true });
    info.files.push({ url, status: final.status, fromRobots: explicit });
    if (final.status !== 200 || !final.raw) continue;
    const doc = parseXml(final.raw);
    if (!doc) continue;
    if (doc.urlset || doc.sitemapindex) info.found = true;
    for (const u of doc.urlset?.url ?? []) {
      const loc = normaliseUrl(String(u?.loc ?? "").trim());
      if (loc && info.urls.size < MAX_URLS && !info.urls.has(loc)) info.urls.set(loc, url);
    }
    for (const s of doc.sitemapindex?.sitemap ?? []) {
      const loc = normaliseUrl(String(s?.loc ?? "").trim());
      if (loc && !seen.has(loc)) {
        seen.add(loc);
        queue.push(loc);
      }
    }
  }
  return info;
}

type Doc = { urlset?: { url?: { loc?: unknown }[] }; sitemapindex?: { sitemap?: { loc?: unknown }[] } };

function parseXml(raw: Buffer): Doc | null {
  try {
    // Gzip magic number rather than the file name: servers also gzip files named .xml.
    const buf = raw[0] === 0x1f && raw[1] === 0x8b ? zlib.gunzipSync(raw, { maxOutputLength: 50 * 1024 * 1024 }) : raw;
    return parser.parse(buf.toString("utf8")) as Doc;
  } catch {
    return null;
  }
}

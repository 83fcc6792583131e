/**
 * The full engine's per-page facts as stored in audit_pages.data (JSON), so
 * the site-wide checks can run later from the database instead of memory.
 */
import type { PageFacts } from "@/lib/audit/types";

export type PageData = {
  redirectChain?: string[];
  redirectLoop?: boolean;
  redirectedTo?: string | null;
  isHtml?: boolean;
  indexable?: boolean;
  noindex?: boolean;
  h1?: string | null;
  description?: string | null;
  canonical?: string | null;
  hreflang?: { lang: string; href: string }[];
  words?: number;
  /** MinHash signature, base64 of 64 little-endian uint32. */
  sig?: string | null;
  ttfbMs?: number;
  timeMs?: number;
  bytes?: number;
  /** Internal links (followed or not), blocked ones, external links and images: the link-target checks' input. */
  links?: string[];
  blocked?: string[];
  external?: string[];
  images?: string[];
  finalUrl?: string;
  hsts?: boolean | null;
  error?: string | null;
};

export function encodeSignature(sig: Uint32Array | null): string | null {
  return sig ? Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString("base64") : null;
}

export function decodeSignature(s: string | null | undefined): Uint32Array | null {
  if (!s) return null;
  const buf = Buffer.from(s, "base64");
  if (buf.length !== 256) return null;
  return new Uint32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

export function toFacts(
  p: { url: string; status: number | null; title: string | null; depth: number | null; data: PageData },
  fromSitemap: boolean,
): PageFacts {
  const d = p.data;
  return {
    url: p.url,
    status: p.status,
    redirectedTo: d.redirectedTo ?? null,
    redirectChain: d.redirectChain ?? [],
    redirectLoop: d.redirectLoop ?? false,
    depth: p.depth,
    isHtml: d.isHtml ?? false,
    indexable: d.indexable ?? false,
    noindex: d.noindex ?? false,
    title: p.title,
    h1: d.h1 ?? null,
    description: d.description ?? null,
    canonical: d.canonical ?? null,
    hreflang: d.hreflang ?? [],
    words: d.words ?? 0,
    signature: decodeSignature(d.sig),
    ttfbMs: d.ttfbMs ?? 0,
    timeMs: d.timeMs ?? 0,
    bytes: d.bytes ?? 0,
    fromSitemap,
    keywordCounts: {},
    error: d.error ?? null,
  };
}

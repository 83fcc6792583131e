/**
 * One HTTP exchange (no redirect following: the crawler records hops itself
 * and re-checks every hop). undici with a guarded DNS lookup, a hard
 * per-request timeout and a body cap, so a hostile server can neither point us
 * at the internal network nor make us buffer gigabytes.
 */
import zlib from "node:zlib";
import { Agent, request } from "undici";
import { ForbiddenAddressError } from "./errors";
import { assertPublicHost, defaultPolicy, guardedLookup, type AddressPolicy, type LookupFn } from "./ssrf";
import { assertAllowedUrl } from "./url";

export type FetcherOptions = {
  allowPrivate: boolean;
  userAgent: string;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Connections per origin. */
  connections: number;
  /** DNS lookup to use (tests inject one); it is still wrapped by the guard unless allowPrivate. */
  lookup?: LookupFn;
  /** Which addresses are public; only tests replace the default. */
  addressPolicy?: AddressPolicy;
  /** Extra CA certificates to trust (tests' self-signed https fixture). */
  ca?: string;
};

export type FetchResult = {
  url: string;
  status: number | null;
  headers: Record<string, string>;
  /** Decoded body (only when requested and the response is HTML-ish). */
  body: string | null;
  raw: Buffer | null;
  /** Bytes on the wire (compressed), or content-length for HEAD. */
  bytes: number;
  truncated: boolean;
  ttfbMs: number;
  error: string | null;
  /** Refused by the SSRF policy. */
  forbidden: boolean;
};

export type FetchOptions = {
  method?: "GET" | "HEAD";
  readBody?: boolean;
  /** Keep the undecoded bytes (sitemap .xml.gz) in `raw` instead of decoding text into `body`. */
  raw?: boolean;
};

export function createFetcher(opts: FetcherOptions) {
  const policy = opts.addressPolicy ?? defaultPolicy;
  const lookup = opts.allowPrivate ? opts.lookup : guardedLookup(opts.lookup, policy);
  const agent = new Agent({
    connections: opts.connections,
    pipelining: 1,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
    connect: { timeout: opts.timeoutMs, ...(lookup ? { lookup } : {}), ...(opts.ca ? { ca: opts.ca } : {}) },
  });

  async function fetchOnce(url: string, o: FetchOptions = {}): Promise<FetchResult> {
    const method = o.method ?? "GET";
    const started = performance.now();
    const base: FetchResult = {
      url,
      status: null,
      headers: {},
      body: null,
      raw: null,
      bytes: 0,
      truncated: false,
      ttfbMs: 0,
      error: null,
      forbidden: false,
    };
    try {
      const u = new URL(url);
      assertAllowedUrl(u);
      if (!opts.allowPrivate) assertPublicHost(u.hostname, policy);
      const res = await request(u, {
        method,
        dispatcher: agent,
        signal: AbortSignal.timeout(opts.timeoutMs),
        headers: {
          "user-agent": opts.userAgent,
          accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
          "accept-encoding": "gzip, deflate, br",
        },
      });
      base.ttfbMs = performance.now() - started;
      base.status = res.statusCode;
      base.headers = flattenHeaders(res.headers);
      if (method === "HEAD" || !o.readBody || (!o.raw && !isTextual(base.headers["content-type"]))) {
        base.bytes = Number(base.headers["content-length"] ?? 0) || 0;
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        return base;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of res.body) {
        base.bytes += (chunk as Buffer).length;
        if (base.bytes > opts.maxBodyBytes) {
          base.truncated = true;
          res.body.destroy();
          break;
        }
        chunks.push(chunk as Buffer);
      }
      const buf = Buffer.concat(chunks);
      if (o.raw) base.raw = decodeBytes(buf, base.headers["content-encoding"], opts.maxBodyBytes);
      else base.body = decodeBytes(buf, base.headers["content-encoding"], opts.maxBodyBytes).toString("utf8");
      return base;
    } catch (e) {
      base.error = describe(e);
      base.forbidden = isForbidden(e);
      base.ttfbMs = performance.now() - started;
      return base;
    }
  }

  return { fetchOnce, close: () => agent.close() };
}

export type Fetcher = ReturnType<typeof createFetcher>;

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function isTextual(ct: string | undefined): boolean {
  if (!ct) return true;
  return /html|xml|text\/plain/i.test(ct);
}

function decodeBytes(buf: Buffer, encoding: string | undefined, max: number): Buffer {
  const enc = (encoding ?? "").trim().toLowerCase();
  const limit = { maxOutputLength: max };
  try {
    if (enc === "gzip" || enc === "x-gzip") return zlib.gunzipSync(buf, limit);
    if (enc === "br") return zlib.brotliDecompressSync(buf, limit);
    if (enc === "deflate") return zlib.inflateSync(buf, limit);
  } catch {
    // A corrupt or over-long compressed body: treat it as empty rather than fail the whole page.
    return Buffer.alloc(0);
  }
  return buf;
}

function isForbidden(e: unknown): boolean {
  for (let c: unknown = e, i = 0; c && i < 5; c = (c as { cause?: unknown }).cause, i++)
    if (c instanceof ForbiddenAddressError || (c as { code?: string }).code === "ERR_AUDIT_FORBIDDEN_ADDRESS")
      return true;
  return false;
}

function describe(e: unknown): string {
  const parts: string[] = [];
  for (let c: unknown = e, i = 0; c && i < 4; c = (c as { cause?: unknown }).cause, i++) {
    const m = (c as Error).message ?? String(c);
    if (m && !parts.includes(m)) parts.push(m);
  }
  return parts.join(": ") || "request failed";
}

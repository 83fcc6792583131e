/**
 * Follows redirects hop by hop so each hop is recorded and re-validated (the
 * SSRF rules apply to every Location, not just the first URL).
 */
import type { FetchOptions, FetchResult, Fetcher } from "./fetcher";
import { normaliseUrl } from "./url";

export const MAX_HOPS = 10;

export type Hop = { url: string; status: number };

export type ChainResult = {
  /** Every redirect response, in order (empty when the first answer was final). */
  hops: Hop[];
  final: FetchResult;
  loop: boolean;
  tooManyHops: boolean;
};

export async function fetchChain(fetcher: Fetcher, url: string, opts: FetchOptions = {}): Promise<ChainResult> {
  const hops: Hop[] = [];
  const seen = new Set<string>([url]);
  let current = url;
  for (;;) {
    const res = await fetcher.fetchOnce(current, opts);
    const loc = res.headers.location;
    if (res.status === null || res.status < 300 || res.status >= 400 || res.status === 304 || !loc)
      return { hops, final: res, loop: false, tooManyHops: false };
    hops.push({ url: current, status: res.status });
    const next = normaliseUrl(loc, current);
    if (!next)
      return { hops, final: { ...res, error: `Invalid redirect target "${loc}"` }, loop: false, tooManyHops: false };
    if (seen.has(next)) return { hops, final: res, loop: true, tooManyHops: false };
    if (hops.length >= MAX_HOPS) return { hops, final: res, loop: false, tooManyHops: true };
    seen.add(next);
    current = next;
  }
}

/** GET with one retry on 5xx or connection failure, as the http-5xx check promises. */
export async function fetchChainWithRetry(
  fetcher: Fetcher,
  url: string,
  opts: FetchOptions = {},
): Promise<ChainResult> {
  const first = await fetchChain(fetcher, url, opts);
  const s = first.final.status;
  if (first.final.forbidden || (s !== null && s < 500)) return first;
  return fetchChain(fetcher, url, opts);
}

/** HEAD first (cheap), GET when the server does not handle HEAD properly. */
export async function probe(fetcher: Fetcher, url: string): Promise<ChainResult> {
  const head = await fetchChain(fetcher, url, { method: "HEAD" });
  const s = head.final.status;
  if (head.final.forbidden || (s !== null && s < 400) || head.loop || head.tooManyHops) return head;
  return fetchChain(fetcher, url, { method: "GET", readBody: false });
}

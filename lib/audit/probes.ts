/**
 * After the crawl: status (and size) of URLs the checks need but the crawl
 * did not fetch as pages: external links, images, canonical and hreflang
 * targets. HEAD first, GET fallback; everything through the guarded fetcher.
 */
import type { Fetcher } from "./fetcher";
import { mapLimit } from "./limit";
import { probe } from "./redirects";

export type Probe = { status: number | null; bytes: number; error: string | null };

export async function probeAll(
  fetcher: Fetcher,
  urls: Iterable<string>,
  concurrency: number,
): Promise<Map<string, Probe>> {
  const list = [...new Set(urls)];
  const results = await mapLimit(list, concurrency, async (u): Promise<Probe> => {
    const { final, loop, tooManyHops } = await probe(fetcher, u);
    if (loop || tooManyHops) return { status: null, bytes: 0, error: "redirect loop" };
    return { status: final.status, bytes: final.bytes, error: final.error };
  });
  return new Map(list.map((u, i) => [u, results[i]!]));
}

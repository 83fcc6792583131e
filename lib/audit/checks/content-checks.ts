/** Site-wide checks that compare pages (duplicates, hreflang) or use probed resources and the start page. */
import { finding } from "../finding";
import { similarPairs } from "../minhash";
import type { Finding, PageFacts } from "../types";
import { siteRoot } from "../url";
import { targetChecks } from "./crawl-checks";
import type { SiteInput } from "./site-input";

const DUPLICATE_SIMILARITY = 0.9;
const IMAGE_MAX_BYTES = 200 * 1024;

export function contentChecks(s: SiteInput): Finding[] {
  const out: Finding[] = [];
  const indexable = s.pages.filter((p) => p.indexable && p.isHtml && p.status === 200);
  out.push(...duplicates(indexable, (p) => p.title, "title-duplicate", "title"));
  out.push(...duplicates(indexable, (p) => p.description, "meta-description-duplicate", "meta description"));

  const pairs = similarPairs(
    indexable.map((p) => p.signature),
    DUPLICATE_SIMILARITY,
  );
  const reported = new Set<number>();
  for (const [i, j, sim] of pairs)
    for (const [a, b] of [
      [i, j],
      [j, i],
    ] as const) {
      if (reported.has(a)) continue;
      reported.add(a);
      out.push(
        finding(
          "duplicate-content",
          indexable[a]!.url,
          `The visible text is ${Math.round(sim * 100)}% similar to ${indexable[b]!.url}.`,
          {
            similarTo: indexable[b]!.url,
            similarity: Math.round(sim * 100) / 100,
          },
        ),
      );
    }

  const byUrl = new Map(s.pages.map((p) => [p.url, p]));
  for (const a of s.pages)
    for (const h of a.hreflang) {
      const b = byUrl.get(h.href);
      if (h.href === a.url || !b || !b.isHtml || b.status !== 200) continue;
      if (!b.hreflang.some((x) => x.href === a.url))
        out.push(
          finding(
            "hreflang-no-return",
            b.url,
            `${a.url} lists this page as hreflang "${h.lang}" but this page does not link back.`,
            { from: a.url, lang: h.lang },
          ),
        );
    }
  out.push(...targetChecks(s, "hreflang-broken", (p) => p.hreflang.map((h) => h.href).filter((u) => u !== p.url)));

  for (const [url, from] of s.external) {
    const r = s.probes.get(url);
    if (!r || (r.status !== null && r.status < 400)) continue;
    const why = r.status !== null ? `HTTP ${r.status}` : `no connection (${r.error ?? "failed"})`;
    out.push(
      finding("broken-external-link", url, `The external link answers ${why}.`, {
        status: r.status,
        error: r.error,
        linkedFrom: from,
      }),
    );
  }
  for (const [url, from] of s.images) {
    const r = s.probes.get(url);
    if (r && r.status === 200 && r.bytes > IMAGE_MAX_BYTES)
      out.push(
        finding("image-too-large", url, `The image is ${Math.round(r.bytes / 1024)} KB (over 200 KB).`, {
          bytes: r.bytes,
          linkedFrom: from,
        }),
      );
  }

  const root = siteRoot(s.startUrl);
  if (s.startUrl.startsWith("http:") && s.startFinalUrl && !s.startFinalUrl.startsWith("https:"))
    out.push(finding("not-https", root, "The site is served over http and does not redirect to https."));
  if (s.startHsts === false)
    out.push(finding("hsts-missing", root, "The https site sends no Strict-Transport-Security header."));
  return out;
}

function duplicates(pages: PageFacts[], key: (p: PageFacts) => string | null, check: string, what: string): Finding[] {
  const groups = new Map<string, string[]>();
  for (const p of pages) {
    const k = key(p);
    if (!k) continue;
    const list = groups.get(k);
    if (list) list.push(p.url);
    else groups.set(k, [p.url]);
  }
  const out: Finding[] = [];
  for (const [k, urls] of groups) {
    if (urls.length < 2) continue;
    for (const u of urls)
      out.push(
        finding(check, u, `The same ${what} is used on ${urls.length} pages.`, {
          value: k,
          others: urls.filter((x) => x !== u).slice(0, 10),
          count: urls.length,
        }),
      );
  }
  return out;
}

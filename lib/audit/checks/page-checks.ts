/**
 * Checks that need only one page. Runs as each page arrives; returns the
 * findings plus the compact facts the site-wide checks need later.
 */
import { charLength, finding } from "../finding";
import { textStats } from "../minhash";
import { parsePage, type ParsedPage } from "../parse-page";
import type { Finding } from "../types";
import { normaliseUrl } from "../url";
import { countKeyword } from "../keywords/match";
import { checkJsonLd } from "./structured-data";

export type PageInput = {
  url: string;
  headers: Record<string, string>;
  html: string;
  ttfbMs: number;
  keywords: string[];
};

export type PageAnalysis = {
  findings: Finding[];
  title: string | null;
  h1: string | null;
  description: string | null;
  noindex: boolean;
  /** Distinct normalised canonical URLs (tags and Link header). */
  canonicals: string[];
  hreflang: { lang: string; href: string }[];
  links: { url: string; text: string }[];
  images: string[];
  words: number;
  signature: Uint32Array | null;
  keywordCounts: Record<string, number>;
  bytes: number;
};

const GENERIC = new Set(["click here", "here", "read more", "more", "learn more", "this", "link", "go"]);
const HREFLANG = /^(x-default|[a-z]{2,3}(-[a-z]{4})?(-([a-z]{2}|\d{3}))?)$/i;
export const LIMITS = {
  titleMax: 60,
  titleMin: 30,
  descMax: 160,
  descMin: 70,
  thinWords: 200,
  slowMs: 1000,
  htmlMax: 500 * 1024,
  compressMin: 1024,
};

export function analysePage(input: PageInput): PageAnalysis {
  const p = parsePage(input.html);
  const { url, headers } = input;
  const base = p.baseHref ? (normaliseUrl(p.baseHref, url) ?? url) : url;
  const f: Finding[] = [];
  const add = (check: string, message: string, details: Record<string, unknown> = {}) =>
    f.push(finding(check, url, message, details));

  const title = p.titles[0] ?? "";
  const titleLen = charLength(title);
  if (!title) add("title-missing", "The page has no title.");
  else if (titleLen > LIMITS.titleMax)
    add("title-too-long", `The title is ${titleLen} characters long (over 60).`, { length: titleLen, title });
  else if (titleLen < LIMITS.titleMin)
    add("title-too-short", `The title is ${titleLen} characters long (under 30).`, { length: titleLen, title });
  if (p.titles.length > 1)
    add("title-multiple", `The page has ${p.titles.length} title elements.`, { count: p.titles.length });

  const desc = p.descriptions[0] ?? "";
  const descLen = charLength(desc);
  if (!desc) add("meta-description-missing", "The page has no meta description.");
  else if (descLen > LIMITS.descMax)
    add("meta-description-too-long", `The meta description is ${descLen} characters long (over 160).`, {
      length: descLen,
    });
  else if (descLen < LIMITS.descMin)
    add("meta-description-too-short", `The meta description is ${descLen} characters long (under 70).`, {
      length: descLen,
    });

  if (p.h1.length === 0) add("h1-missing", "The page has no H1 heading.");
  else if (p.h1.length > 1)
    add("h1-multiple", `The page has ${p.h1.length} H1 headings.`, { count: p.h1.length, h1: p.h1.slice(0, 5) });
  const skip = headingSkip(p.headings);
  if (skip)
    add("heading-level-skip", `An H${skip[1]} follows an H${skip[0]} without an H${skip[0] + 1} in between.`, {
      from: skip[0],
      to: skip[1],
    });

  const stats = textStats(p.text);
  const words = stats.words;
  if (words < LIMITS.thinWords)
    add("thin-content", `The page has ${words} words of visible text (under 200).`, { words });

  const noAlt = p.images.filter((i) => !i.hasAlt);
  if (noAlt.length)
    add("image-alt-missing", `${noAlt.length} image(s) have no alt attribute.`, {
      count: noAlt.length,
      images: absList(
        noAlt.map((i) => i.src),
        base,
        10,
      ),
    });
  if (!p.lang) add("html-lang-missing", "The html element has no lang attribute.");
  if (!p.viewport) add("viewport-missing", "The page has no viewport meta tag.");
  const generic = p.links.filter(
    (l) => !l.labelled && GENERIC.has(l.text.toLowerCase().replace(/[\s.:!…»›→>-]+$/u, "")),
  );
  if (generic.length)
    add("link-text-generic", `${generic.length} link(s) use generic text such as "${generic[0]!.text}".`, {
      count: generic.length,
      links: generic.slice(0, 10).map((l) => ({ text: l.text, href: normaliseUrl(l.href, base) ?? l.href })),
    });
  const ogMissing = ["og:title", "og:description", "og:image"].filter((k) => !p.og.includes(k));
  if (ogMissing.length)
    add("open-graph-missing", `Missing Open Graph tags: ${ogMissing.join(", ")}.`, { missing: ogMissing });

  if (url.startsWith("https:")) {
    const insecure = absList(p.resources, base, Infinity).filter((r) => r.startsWith("http:"));
    if (insecure.length)
      add("mixed-content", `The https page loads ${insecure.length} resource(s) over http.`, {
        resources: insecure.slice(0, 10),
        count: insecure.length,
      });
  }

  const bytes = Buffer.byteLength(input.html);
  if (input.ttfbMs > LIMITS.slowMs)
    add("slow-response", `The server took ${Math.round(input.ttfbMs)} ms to the first byte (over 1,000 ms).`, {
      ttfbMs: Math.round(input.ttfbMs),
    });
  if (bytes > LIMITS.htmlMax)
    add("html-too-large", `The HTML is ${Math.round(bytes / 1024)} KB (over 500 KB).`, { bytes });
  if (bytes > LIMITS.compressMin && !headers["content-encoding"])
    add(
      "no-compression",
      `The ${Math.round(bytes / 1024)} KB HTML was sent uncompressed although gzip and br were accepted.`,
      { bytes },
    );

  const badLang = p.hreflang.filter((h) => !HREFLANG.test(h.lang)).map((h) => h.lang);
  if (badLang.length)
    add("hreflang-invalid", `Invalid hreflang value(s): ${badLang.slice(0, 5).join(", ")}.`, {
      values: badLang.slice(0, 20),
    });

  for (const issue of checkJsonLd(p.jsonLd)) {
    if (issue.kind === "invalid")
      add("structured-data-invalid", `Invalid JSON-LD: ${issue.reason}`, { reason: issue.reason });
    else
      add("structured-data-incomplete", `${issue.type} structured data has no "${issue.property}".`, {
        type: issue.type,
        property: issue.property,
      });
  }

  const noindex = isNoindex(p, headers);
  if (noindex) add("noindex", "The page asks search engines not to index it (meta robots or X-Robots-Tag).");
  const canonicals = [
    ...new Set(
      [...p.canonicals, ...linkHeaderCanonicals(headers.link)]
        .map((c) => normaliseUrl(c, base))
        .filter((c): c is string => !!c),
    ),
  ];
  if (canonicals.length > 1)
    add("canonical-multiple", `The page declares ${canonicals.length} different canonical URLs.`, { canonicals });
  if (canonicals.length === 0 && !noindex) add("canonical-missing", "The page has no canonical URL.");

  return {
    findings: f,
    title: title || null,
    h1: p.h1[0] ?? null,
    description: desc || null,
    noindex,
    canonicals,
    hreflang: p.hreflang.flatMap((h) => {
      const href = normaliseUrl(h.href, base);
      return href ? [{ lang: h.lang, href }] : [];
    }),
    links: linkTargets(p, base),
    images: absList(
      p.images.map((i) => i.src),
      base,
      Infinity,
    ),
    words,
    signature: noindex ? null : stats.signature,
    keywordCounts: keywordCounts(p.text, input.keywords),
    bytes,
  };
}

function headingSkip(levels: number[]): [number, number] | null {
  for (let i = 1; i < levels.length; i++) if (levels[i]! > levels[i - 1]! + 1) return [levels[i - 1]!, levels[i]!];
  return null;
}

function isNoindex(p: ParsedPage, headers: Record<string, string>): boolean {
  const directive = (s: string) => /(^|[\s,:])(noindex|none)(\s*(,|$))/i.test(s);
  return p.robots.some(directive) || directive(headers["x-robots-tag"] ?? "");
}

function linkHeaderCanonicals(link: string | undefined): string[] {
  if (!link) return [];
  const out: string[] = [];
  for (const m of link.matchAll(/<([^>]*)>\s*;([^,]*)/g)) if (/rel="?canonical"?/i.test(m[2]!)) out.push(m[1]!);
  return out;
}

function absList(srcs: string[], base: string, max: number): string[] {
  const out: string[] = [];
  for (const s of srcs) {
    if (out.length >= max) break;
    const abs = s && !s.startsWith("data:") ? normaliseUrl(s, base) : null;
    if (abs) out.push(abs);
  }
  return out;
}

function linkTargets(p: ParsedPage, base: string): { url: string; text: string }[] {
  const seen = new Set<string>();
  const out: { url: string; text: string }[] = [];
  for (const l of p.links) {
    const u = normaliseUrl(l.href, base);
    if (u && !seen.has(u)) {
      seen.add(u);
      out.push({ url: u, text: l.text });
    }
  }
  return out;
}

function keywordCounts(text: string, keywords: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (!keywords.length) return out;
  for (const k of keywords) {
    const n = countKeyword(text, k);
    if (n) out[k] = n;
  }
  return out;
}

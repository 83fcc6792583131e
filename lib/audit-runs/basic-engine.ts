import dns from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { Parser } from "htmlparser2";
import { env } from "@/lib/env";
import type { AuditEngine, CheckInfo, EngineFinding, FetchedPage } from "./engine";
import { BASIC_CATALOGUE, CATEGORIES } from "./catalogue";

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 5 * 1024 * 1024;
const UA = "SEOHealthBot/1.0";

/** Refuses non-public addresses unless AUDIT_ALLOW_PRIVATE_NETWORKS=1 (checked per request, before connecting). */
async function assertPublic(url: URL): Promise<void> {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`Refusing ${url.protocol} URL`);
  if (env().AUDIT_ALLOW_PRIVATE_NETWORKS) return;
  const addrs = await dns.lookup(url.hostname, { all: true });
  for (const a of addrs) {
    const ip = ipaddr.process(a.address);
    if (ip.range() !== "unicast") throw new Error(`Refusing to crawl ${url.hostname}: ${ip.range()} address`);
  }
}

function finding(check: string, url: string, message: string, details?: Record<string, unknown>): EngineFinding {
  const c = BASIC_CATALOGUE[check]!;
  return { check, category: c.category, severity: c.severity, url, message, details };
}

async function fetchPage(raw: string, ctx: { startUrl: string }): Promise<FetchedPage> {
  const url = new URL(raw);
  await assertPublic(url);
  const host = new URL(ctx.startUrl).host;
  let res: Response;
  try {
    res = await fetch(url, {
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { "user-agent": UA },
    });
  } catch (e) {
    return {
      url: raw,
      status: null,
      title: null,
      links: [],
      data: { error: (e as Error).message },
      findings: [finding("http-5xx", raw, `Could not fetch the page: ${(e as Error).message}`)],
    };
  }
  const findings: EngineFinding[] = [];
  if (res.status >= 300 && res.status < 400) {
    const loc = res.headers.get("location");
    const target = loc ? normalise(new URL(loc, url).href) : null;
    await res.body?.cancel();
    return {
      url: raw,
      status: res.status,
      title: null,
      links: target && new URL(target).host === host ? [target] : [],
      data: { redirect: target },
      findings,
    };
  }
  if (res.status >= 400) {
    await res.body?.cancel();
    findings.push(
      finding(res.status >= 500 ? "http-5xx" : "http-4xx", raw, `The page answers HTTP ${res.status}.`, {
        status: res.status,
      }),
    );
    return { url: raw, status: res.status, title: null, links: [], data: {}, findings };
  }
  if (!(res.headers.get("content-type") ?? "").includes("html")) {
    await res.body?.cancel();
    return { url: raw, status: res.status, title: null, links: [], data: { nonHtml: true }, findings };
  }
  const buf = Buffer.from(await res.arrayBuffer()).subarray(0, MAX_BYTES);
  const page = parse(buf.toString("utf8"));
  const links = [
    ...new Set(
      page.hrefs.flatMap((h) => {
        try {
          const u = new URL(h, url);
          return u.host === host && (u.protocol === "http:" || u.protocol === "https:") ? [normalise(u.href)] : [];
        } catch {
          return [];
        }
      }),
    ),
  ];
  const title = page.title.replace(/\s+/g, " ").trim();
  if (!title) findings.push(finding("title-missing", raw, "The page has no title."));
  else if (title.length > 60)
    findings.push(
      finding("title-too-long", raw, `The title is ${title.length} characters long (over 60).`, {
        length: title.length,
      }),
    );
  if (!page.description.trim())
    findings.push(finding("meta-description-missing", raw, "The page has no meta description."));
  if (page.h1 === 0) findings.push(finding("h1-missing", raw, "The page has no H1 heading."));
  if (page.imgNoAlt > 0)
    findings.push(
      finding("image-alt-missing", raw, `${page.imgNoAlt} image(s) have no alt attribute.`, { count: page.imgNoAlt }),
    );
  if (!page.lang) findings.push(finding("html-lang-missing", raw, "The html element has no lang attribute."));
  return {
    url: raw,
    status: res.status,
    title: title || null,
    links,
    data: { h1: page.h1Text.slice(0, 200), description: page.description.slice(0, 300), words: page.words },
    findings,
  };
}

function parse(html: string) {
  const out = { title: "", description: "", h1: 0, h1Text: "", hrefs: [] as string[], imgNoAlt: 0, lang: "", words: 0 };
  let inTitle = false;
  let inH1 = false;
  let skip = 0;
  const p = new Parser(
    {
      onopentag(name, a) {
        if (name === "title") inTitle = true;
        else if (name === "h1") {
          out.h1++;
          inH1 = true;
        } else if (name === "a" && a.href) out.hrefs.push(a.href);
        else if (name === "img" && !("alt" in a)) out.imgNoAlt++;
        else if (name === "meta" && a.name?.toLowerCase() === "description") out.description = a.content ?? "";
        else if (name === "html") out.lang = a.lang ?? "";
        else if (name === "script" || name === "style") skip++;
      },
      ontext(t) {
        if (inTitle) out.title += t;
        if (inH1) out.h1Text += t;
        if (!skip) out.words += t.split(/\s+/).filter(Boolean).length;
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        else if (name === "h1") inH1 = false;
        else if (name === "script" || name === "style") skip--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  p.write(html);
  p.end();
  return out;
}

export function normalise(href: string): string {
  const u = new URL(href);
  u.hash = "";
  return u.href;
}

const WEIGHT = { error: 10, warning: 4, notice: 1 } as Record<string, number>;

/** 100 minus weighted findings per page, per category; overall is the mean of categories. Deterministic. */
function score(findings: { category: string; severity: string }[], pageCount: number) {
  const pages = Math.max(1, pageCount);
  const categories: Record<string, number> = {};
  for (const c of CATEGORIES) {
    const penalty = findings.filter((f) => f.category === c).reduce((s, f) => s + (WEIGHT[f.severity] ?? 1), 0);
    categories[c] = Math.max(0, Math.round(100 - (penalty / pages) * 10));
  }
  const vals = Object.values(categories);
  return { score: Math.round(vals.reduce((a, b) => a + b, 0) / vals.length), categories };
}

export const basicEngine: AuditEngine = {
  fetchPage,
  analyseSite(pages, ctx) {
    const out: EngineFinding[] = [];
    const byTitle = new Map<string, string[]>();
    for (const p of pages)
      if (p.title && p.status === 200) byTitle.set(p.title, [...(byTitle.get(p.title) ?? []), p.url]);
    for (const [t, urls] of byTitle)
      if (urls.length > 1)
        for (const u of urls)
          out.push(
            finding("title-duplicate", u, `The title "${t}" is used on ${urls.length} pages.`, {
              others: urls.filter((x) => x !== u).slice(0, 20),
            }),
          );
    for (const kw of ctx.keywords) {
      const k = kw.toLowerCase();
      const hit = pages.some(
        (p) =>
          (p.title ?? "").toLowerCase().includes(k) ||
          String(p.data.h1 ?? "")
            .toLowerCase()
            .includes(k),
      );
      if (!hit)
        out.push(
          finding("keyword-not-targeted", ctx.startUrl, `No page has "${kw}" in its title or H1.`, { keyword: kw }),
        );
    }
    return out;
  },
  score,
  catalogue: BASIC_CATALOGUE as Record<string, CheckInfo>,
  categories: CATEGORIES,
};

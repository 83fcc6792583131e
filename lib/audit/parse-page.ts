/**
 * Single-pass htmlparser2 extraction of everything the checks look at. No DOM
 * is built (a DOM costs 5–10× the time and memory); the HTML string is
 * dropped by the caller once this returns.
 */
import { Parser } from "htmlparser2";

export type ParsedLink = { href: string; text: string; labelled: boolean };

export type ParsedPage = {
  /** null when <html> has no lang attribute. */
  lang: string | null;
  titles: string[];
  descriptions: string[];
  robots: string[];
  viewport: boolean;
  og: string[];
  canonicals: string[];
  hreflang: { lang: string; href: string }[];
  h1: string[];
  headings: number[];
  /** Visible body text; text nodes joined with a space, whitespace not collapsed (that costs ~0.15 ms a page). */
  text: string;
  images: { src: string; hasAlt: boolean }[];
  links: ParsedLink[];
  /** Sub-resources the page loads (img, script, stylesheet, iframe, media). */
  resources: string[];
  jsonLd: string[];
  baseHref: string | null;
};

const HIDDEN = new Set(["script", "style", "noscript", "template", "svg", "head", "title"]);
const RESOURCE_ATTR: Record<string, string> = {
  img: "src",
  script: "src",
  iframe: "src",
  video: "src",
  audio: "src",
  source: "src",
  embed: "src",
  track: "src",
};

export const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

export function parsePage(html: string): ParsedPage {
  const out: ParsedPage = {
    lang: null,
    titles: [],
    descriptions: [],
    robots: [],
    viewport: false,
    og: [],
    canonicals: [],
    hreflang: [],
    h1: [],
    headings: [],
    text: "",
    images: [],
    links: [],
    resources: [],
    jsonLd: [],
    baseHref: null,
  };
  const text: string[] = [];
  let hidden = 0;
  let svgDepth = 0;
  let title: string[] | null = null;
  let h1: string[] | null = null;
  let jsonLd: string[] | null = null;
  let anchor: { link: ParsedLink; parts: string[] } | null = null;

  const parser = new Parser(
    {
      onopentag(name, a) {
        if (name === "svg") svgDepth++;
        if (HIDDEN.has(name)) hidden++;
        switch (name) {
          case "html":
            if (a.lang !== undefined) out.lang = a.lang.trim();
            break;
          case "title":
            // <title> inside inline SVG is an accessibility label, not the document title.
            if (svgDepth === 0) title = [];
            break;
          case "meta":
            onMeta(out, a);
            break;
          case "link":
            onLink(out, a);
            break;
          case "base":
            if (a.href && out.baseHref === null) out.baseHref = a.href;
            break;
          case "a":
            if (a.href !== undefined) {
              anchor = { link: { href: a.href, text: "", labelled: !!(a["aria-label"] || a.title) }, parts: [] };
              out.links.push(anchor.link);
            }
            break;
          case "img":
            out.images.push({ src: a.src ?? "", hasAlt: a.alt !== undefined });
            if (anchor && a.alt) anchor.link.labelled = true;
            break;
          case "script":
            if ((a.type ?? "").toLowerCase() === "application/ld+json") jsonLd = [];
            break;
        }
        if (name.length === 2 && name[0] === "h" && name[1]! >= "1" && name[1]! <= "6") {
          out.headings.push(Number(name[1]));
          if (name === "h1") h1 = [];
        }
        const attr = RESOURCE_ATTR[name];
        if (attr && a[attr]) out.resources.push(a[attr]);
      },
      ontext(t) {
        if (title) title.push(t);
        if (jsonLd) jsonLd.push(t);
        if (hidden > 0) return;
        text.push(t);
        if (h1) h1.push(t);
        if (anchor) anchor.parts.push(t);
      },
      onclosetag(name) {
        if (HIDDEN.has(name) && hidden > 0) hidden--;
        if (name === "svg" && svgDepth > 0) svgDepth--;
        if (name === "title" && title) {
          out.titles.push(collapse(title.join("")));
          title = null;
        } else if (name === "h1" && h1) {
          out.h1.push(collapse(h1.join(" ")));
          h1 = null;
        } else if (name === "a" && anchor) {
          anchor.link.text = collapse(anchor.parts.join(" "));
          anchor = null;
        } else if (name === "script" && jsonLd) {
          out.jsonLd.push(jsonLd.join(""));
          jsonLd = null;
        } else if (name === "body") hidden++; // text after </body> is not body text
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  out.text = text.join(" ");
  return out;
}

function onMeta(out: ParsedPage, a: Record<string, string>): void {
  const name = (a.name ?? "").toLowerCase();
  const prop = (a.property ?? "").toLowerCase();
  const content = a.content ?? "";
  if (name === "description") out.descriptions.push(collapse(content));
  else if (name === "robots" || name === "seohealthbot") out.robots.push(content.toLowerCase());
  else if (name === "viewport" && content.trim()) out.viewport = true;
  if ((prop.startsWith("og:") || name.startsWith("og:")) && content.trim()) out.og.push(prop || name);
}

function onLink(out: ParsedPage, a: Record<string, string>): void {
  const rel = (a.rel ?? "").toLowerCase().split(/\s+/);
  const href = a.href;
  if (href === undefined) return;
  if (rel.includes("canonical")) out.canonicals.push(href);
  if (rel.includes("alternate") && a.hreflang !== undefined) out.hreflang.push({ lang: a.hreflang.trim(), href });
  if (rel.includes("stylesheet") || rel.includes("icon")) out.resources.push(href);
}

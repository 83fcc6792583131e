/** Builders for fixture pages: a well-formed page by default, every part overridable to break one thing. */
const VOCAB = (
  "garden river stone market window candle harbor meadow lantern copper violet orchard silver thunder " +
  "pepper canyon ribbon falcon marble velvet cedar summit pebble willow ember glacier saddle tunnel " +
  "quartz maple beacon cobalt prairie anchor blossom lagoon timber saffron compass harvest jasmine " +
  "granite mosaic plume walnut zephyr juniper tundra pilgrim cascade bramble kestrel lilac nectar"
).split(" ");

/** Deterministic pseudo-random prose: distinct per seed, so clean pages are never near-duplicates. */
export function prose(seed: number, words: number): string {
  let s = (seed * 2654435761) >>> 0 || 1;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out.push(VOCAB[(s >>> 0) % VOCAB.length]!);
  }
  return out.join(" ");
}

export type PageSpec = {
  path: string;
  title?: string | null;
  description?: string | null;
  h1?: string | null;
  lang?: string | null;
  canonical?: string | null;
  head?: string;
  body?: string;
  links?: { href: string; text: string }[];
  words?: number;
  seed?: number;
  og?: boolean;
  viewport?: boolean;
};

export function page(spec: PageSpec): string {
  const seed = spec.seed ?? hash(spec.path);
  const title = spec.title === undefined ? `Fixture page ${spec.path} about ${prose(seed, 2)}` : spec.title;
  const description =
    spec.description === undefined
      ? `A fixture description of ${spec.path} that is long enough: ${prose(seed + 1, 8)}.`
      : spec.description;
  const h1 = spec.h1 === undefined ? `Heading for ${spec.path}` : spec.h1;
  const canonical = spec.canonical === undefined ? `{{origin}}${spec.path}` : spec.canonical;
  const head = [
    title !== null ? `<title>${title}</title>` : "",
    description !== null ? `<meta name="description" content="${description}">` : "",
    canonical !== null ? `<link rel="canonical" href="${canonical}">` : "",
    spec.viewport === false ? "" : `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    spec.og === false
      ? ""
      : `<meta property="og:title" content="${title ?? ""}"><meta property="og:description" content="d"><meta property="og:image" content="{{origin}}/og.png">`,
    spec.head ?? "",
  ].join("\n");
  const links = (spec.links ?? []).map((l) => `<li><a href="${l.href}">${l.text}</a></li>`).join("\n");
  const lang = spec.lang === undefined ? "en" : spec.lang;
  return `<!doctype html><html${lang !== null ? ` lang="${lang}"` : ""}><head>${head}</head><body>
${h1 !== null ? `<h1>${h1}</h1>` : ""}<nav><ul>${links}</ul></nav>
<h2>Section</h2><p>${prose(seed, spec.words ?? 260)}</p>${spec.body ?? ""}</body></html>`;
}

function hash(s: string): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

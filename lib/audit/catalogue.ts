/**
 * The check catalogue: stable ids, category, severity, scope and the texts the
 * dashboard and the PDF show. Scope drives scoring: "page" checks are weighted
 * by the share of pages affected, "site" checks count in full once.
 */
export const CATEGORIES = [
  "crawlability",
  "on-page",
  "links",
  "performance",
  "international",
  "structured-data",
  "security",
  "keywords",
] as const;
export type Category = (typeof CATEGORIES)[number];
export type Severity = "error" | "warning" | "notice";

export type CheckDef = {
  id: string;
  category: Category;
  severity: Severity;
  scope: "page" | "site";
  title: string;
  explanation: string;
  howToFix: string;
};

type Row = [
  id: string,
  severity: Severity,
  scope: CheckDef["scope"],
  title: string,
  explanation: string,
  howToFix: string,
];

const CRAWLABILITY: Row[] = [
  [
    "http-4xx",
    "error",
    "page",
    "Broken pages (4xx)",
    "Linked pages answer with a client error such as 404, so visitors and search engines hit a dead end.",
    "Restore the page or redirect it (301) to its closest replacement, and update the links listed under 'linked from'.",
  ],
  [
    "http-5xx",
    "error",
    "page",
    "Server errors (5xx)",
    "Pages answered with a server error twice in a row (or could not be fetched); search engines drop pages that keep failing.",
    "Check the server logs for these URLs and fix the error, or return 404/410 for pages that no longer exist.",
  ],
  [
    "redirect-chain",
    "warning",
    "page",
    "Redirect chains",
    "The URL redirects two or more times before reaching a page; every hop costs time and some link equity.",
    "Point the first redirect (and the links to it) straight at the final URL.",
  ],
  [
    "redirect-loop",
    "error",
    "page",
    "Redirect loops",
    "The URL redirects back to itself (or through more than 10 hops), so it can never be loaded.",
    "Fix the redirect rules so the URL ends at one page that answers 200.",
  ],
  [
    "internal-link-to-redirect",
    "notice",
    "page",
    "Internal links to redirects",
    "Your own pages link to URLs that redirect; crawlers and visitors take an extra hop.",
    "Update the links to point at the final URL directly.",
  ],
  [
    "robots-txt-missing",
    "warning",
    "site",
    "robots.txt missing",
    "The site has no robots.txt, so crawlers get no crawl rules and no sitemap location.",
    "Publish /robots.txt with your crawl rules and a 'Sitemap:' line.",
  ],
  [
    "blocked-by-robots",
    "warning",
    "page",
    "Linked pages blocked by robots.txt",
    "Internal links point to URLs that robots.txt disallows, so search engines cannot crawl what you link to.",
    "Allow these URLs in robots.txt, or stop linking to pages that should stay private.",
  ],
  [
    "noindex",
    "warning",
    "page",
    "Pages excluded with noindex",
    "A meta robots tag or X-Robots-Tag header tells search engines not to index the page.",
    "Remove the noindex directive if the page should appear in search results.",
  ],
  [
    "sitemap-missing",
    "warning",
    "site",
    "XML sitemap missing",
    "No sitemap was found in robots.txt or at /sitemap.xml; sitemaps help search engines find every page.",
    "Generate an XML sitemap of your indexable pages and reference it from robots.txt.",
  ],
  [
    "sitemap-non-200",
    "error",
    "page",
    "Sitemap lists non-200 URLs",
    "The sitemap (or a URL it lists) does not answer 200, which wastes crawl budget and erodes trust in the sitemap.",
    "List only final, working URLs in the sitemap; remove or update redirecting and broken ones.",
  ],
  [
    "sitemap-noindex",
    "warning",
    "page",
    "Noindex pages in the sitemap",
    "The sitemap lists pages that are marked noindex, which sends search engines contradicting signals.",
    "Remove noindex pages from the sitemap, or remove the noindex if they should be indexed.",
  ],
  [
    "not-in-sitemap",
    "notice",
    "page",
    "Indexable pages missing from the sitemap",
    "The page was found by following links but is not listed in the sitemap.",
    "Add every indexable page to the XML sitemap (most CMSs can generate it automatically).",
  ],
  [
    "orphan-page",
    "warning",
    "page",
    "Orphan pages",
    "The page is in the sitemap and works, but no crawled page links to it, so visitors cannot reach it and it receives no internal link equity.",
    "Link to the page from relevant pages or navigation, or remove it from the sitemap if it is obsolete.",
  ],
  [
    "deep-page",
    "notice",
    "page",
    "Pages deep in the site",
    "The page needs more than 3 clicks from the start page; deep pages are crawled less often and rank worse.",
    "Link to it from higher-level pages, category pages or the navigation.",
  ],
  [
    "canonical-missing",
    "notice",
    "page",
    "Missing canonical",
    "The page has no rel=canonical, so search engines guess which URL variant is the main one.",
    'Add <link rel="canonical" href="…"> with the page\'s preferred absolute URL.',
  ],
  [
    "canonical-broken",
    "error",
    "page",
    "Broken canonical targets",
    "The canonical URL does not answer 200, so search engines may ignore it or index the wrong page.",
    "Point the canonical at a working, indexable URL (usually the page itself).",
  ],
  [
    "canonical-multiple",
    "warning",
    "page",
    "Conflicting canonicals",
    "The page declares more than one different canonical URL (tags and/or HTTP header); search engines then ignore all of them.",
    "Keep exactly one canonical declaration per page.",
  ],
];

const ON_PAGE: Row[] = [
  [
    "title-missing",
    "error",
    "page",
    "Missing title",
    "The page has no <title> or an empty one; the title is the headline shown in search results.",
    "Give every page a unique <title> of 30–60 characters that describes its content.",
  ],
  [
    "title-too-long",
    "warning",
    "page",
    "Title too long",
    "Titles over 60 characters are cut off in search results.",
    "Shorten the title to 60 characters or less, with the most important words first.",
  ],
  [
    "title-too-short",
    "notice",
    "page",
    "Title too short",
    "Titles under 30 characters waste space that could describe the page and its keywords.",
    "Expand the title to 30–60 characters with descriptive words.",
  ],
  [
    "title-duplicate",
    "warning",
    "page",
    "Duplicate titles",
    "Several indexable pages share the same title, so search engines cannot tell them apart.",
    "Write a distinct title for each page.",
  ],
  [
    "title-multiple",
    "warning",
    "page",
    "Multiple title tags",
    "The page has more than one <title>; search engines may pick the wrong one.",
    "Keep a single <title> element in the <head>.",
  ],
  [
    "meta-description-missing",
    "warning",
    "page",
    "Missing meta description",
    "Without a meta description, search engines show an arbitrary snippet of the page.",
    'Add a <meta name="description"> of 70–160 characters summarising the page.',
  ],
  [
    "meta-description-too-long",
    "notice",
    "page",
    "Meta description too long",
    "Descriptions over 160 characters are truncated in search results.",
    "Shorten the description to 160 characters or less.",
  ],
  [
    "meta-description-too-short",
    "notice",
    "page",
    "Meta description too short",
    "Descriptions under 70 characters give searchers little reason to click.",
    "Expand the description to 70–160 characters.",
  ],
  [
    "meta-description-duplicate",
    "warning",
    "page",
    "Duplicate meta descriptions",
    "Several indexable pages share the same meta description.",
    "Write a unique description for each page.",
  ],
  [
    "h1-missing",
    "warning",
    "page",
    "Missing H1",
    "The page has no H1 heading stating its main topic.",
    "Add one H1 heading that states the page's main topic.",
  ],
  [
    "h1-multiple",
    "notice",
    "page",
    "Multiple H1 headings",
    "The page has more than one H1, which blurs its main topic.",
    "Keep one H1 and turn the others into H2–H6.",
  ],
  [
    "heading-level-skip",
    "notice",
    "page",
    "Skipped heading levels",
    "Headings jump levels (for example H2 then H4), which breaks the document outline for screen readers and crawlers.",
    "Use heading levels in order without skipping (H2 under H1, H3 under H2…).",
  ],
  [
    "thin-content",
    "warning",
    "page",
    "Thin content",
    "The page has fewer than 200 words of visible text, so it is unlikely to rank for anything.",
    "Add useful, original content, or merge thin pages into stronger ones.",
  ],
  [
    "duplicate-content",
    "warning",
    "page",
    "Duplicate content",
    "Two indexable pages have at least 90% the same visible text; they compete with each other in search.",
    "Merge the pages, make them distinct, or point one at the other with rel=canonical.",
  ],
  [
    "image-alt-missing",
    "warning",
    "page",
    "Images without alt text",
    "Images without an alt attribute are invisible to search engines and screen readers.",
    'Add an alt attribute to every <img>: a short description, or alt="" for decorative images.',
  ],
  [
    "html-lang-missing",
    "notice",
    "page",
    "Missing language",
    "The <html> element has no lang attribute, so search engines and screen readers must guess the language.",
    'Set <html lang="…"> to the page\'s language code (for example en or de).',
  ],
  [
    "viewport-missing",
    "warning",
    "page",
    "Missing viewport",
    "Without a viewport meta tag the page is not mobile-friendly, and Google indexes mobile-first.",
    'Add <meta name="viewport" content="width=device-width, initial-scale=1">.',
  ],
  [
    "link-text-generic",
    "notice",
    "page",
    "Generic link text",
    'Links like "click here" or "read more" tell search engines nothing about the target.',
    "Use descriptive anchor text that names what the linked page is about.",
  ],
  [
    "open-graph-missing",
    "notice",
    "page",
    "Missing Open Graph tags",
    "og:title, og:description or og:image is missing, so shares on social networks look bare.",
    "Add og:title, og:description and og:image meta tags to the page.",
  ],
];

const OTHER: [Category, Row[]][] = [
  [
    "links",
    [
      [
        "broken-external-link",
        "warning",
        "page",
        "Broken external links",
        "Links to other sites fail (4xx/5xx or no connection), which frustrates visitors.",
        "Update or remove the links listed under 'linked from'.",
      ],
      [
        "mixed-content",
        "error",
        "page",
        "Mixed content",
        "An https page loads resources over http; browsers block or flag them.",
        "Load every resource over https (update the URLs or use protocol-relative paths).",
      ],
      [
        "image-too-large",
        "notice",
        "page",
        "Large images",
        "Images over 200 KB slow the page down, especially on mobile.",
        "Compress the image, serve modern formats (WebP/AVIF) and size it for its display size.",
      ],
    ],
  ],
  [
    "performance",
    [
      [
        "slow-response",
        "warning",
        "page",
        "Slow server response",
        "The server took over 1 second to send the first byte of the page.",
        "Add caching, optimise slow database queries or upgrade hosting.",
      ],
      [
        "html-too-large",
        "warning",
        "page",
        "Large HTML",
        "The HTML document is over 500 KB, which slows down loading and parsing.",
        "Remove inline data, scripts and styles from the HTML and paginate long lists.",
      ],
      [
        "no-compression",
        "notice",
        "page",
        "No compression",
        "The HTML is sent uncompressed although the browser accepts gzip or brotli.",
        "Enable gzip or brotli compression for text responses on the server or CDN.",
      ],
    ],
  ],
  [
    "international",
    [
      [
        "hreflang-invalid",
        "warning",
        "page",
        "Invalid hreflang codes",
        "An hreflang value is not a valid language[-region] code or x-default, so search engines ignore it.",
        "Use ISO 639-1 language codes, optionally with an ISO 3166-1 region (en, en-GB), or x-default.",
      ],
      [
        "hreflang-no-return",
        "warning",
        "page",
        "Missing hreflang return links",
        "Page A lists page B as an alternate, but B does not list A back; search engines ignore one-way hreflang.",
        "Make every page in an hreflang set list all the others (and itself).",
      ],
      [
        "hreflang-broken",
        "error",
        "page",
        "Broken hreflang targets",
        "An hreflang alternate URL does not answer 200.",
        "Point hreflang links at working, indexable URLs.",
      ],
    ],
  ],
  [
    "structured-data",
    [
      [
        "structured-data-invalid",
        "warning",
        "page",
        "Invalid structured data",
        "A JSON-LD block does not parse or has no @type, so search engines ignore it.",
        "Fix the JSON syntax and give every item an @type; check it with Google's Rich Results Test.",
      ],
      [
        "structured-data-incomplete",
        "notice",
        "page",
        "Incomplete structured data",
        "A JSON-LD item lacks a property Google requires for rich results.",
        "Add the missing property named in the finding.",
      ],
    ],
  ],
  [
    "security",
    [
      [
        "not-https",
        "warning",
        "site",
        "Site not on HTTPS",
        "The site is served over http and does not redirect to https; browsers mark it 'Not secure'.",
        "Install a TLS certificate and redirect every http URL to https with a 301.",
      ],
      [
        "hsts-missing",
        "notice",
        "site",
        "HSTS missing",
        "The https site does not send Strict-Transport-Security, so the first visit can be downgraded to http.",
        "Send 'Strict-Transport-Security: max-age=31536000' on https responses.",
      ],
    ],
  ],
  [
    "keywords",
    [
      [
        "keyword-not-targeted",
        "warning",
        "site",
        "Keyword not targeted",
        "No page has the keyword in its title or H1, so no page is clearly about it.",
        "Create or adapt a page whose title and H1 contain the keyword.",
      ],
      [
        "keyword-cannibalization",
        "notice",
        "site",
        "Keyword cannibalization",
        "Two or more pages have the keyword in both title and H1, so they compete for the same searches.",
        "Pick one page to target the keyword and re-focus or merge the others.",
      ],
    ],
  ],
];

function build(): Record<string, CheckDef> {
  const out: Record<string, CheckDef> = {};
  const add = (category: Category, rows: Row[]) => {
    for (const [id, severity, scope, title, explanation, howToFix] of rows)
      out[id] = { id, category, severity, scope, title, explanation, howToFix };
  };
  add("crawlability", CRAWLABILITY);
  add("on-page", ON_PAGE);
  for (const [c, rows] of OTHER) add(c, rows);
  return out;
}

export const CATALOGUE: Readonly<Record<string, CheckDef>> = build();
export type CheckId = keyof typeof CATALOGUE;

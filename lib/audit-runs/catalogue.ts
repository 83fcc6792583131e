/** Check ids, categories and how-to-fix texts of the basic engine (same ids as the full engine's catalogue). */
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

type Entry = {
  id: string;
  category: string;
  severity: "error" | "warning" | "notice";
  title: string;
  howToFix: string;
};

const e = (
  id: string,
  category: string,
  severity: Entry["severity"],
  title: string,
  howToFix: string,
): [string, Entry] => [id, { id, category, severity, title, howToFix }];

export const BASIC_CATALOGUE: Record<string, Entry> = Object.fromEntries([
  e(
    "http-4xx",
    "crawlability",
    "error",
    "Broken pages (4xx)",
    "Restore the page or redirect it (301) to its closest replacement, and update the links that point to it.",
  ),
  e(
    "http-5xx",
    "crawlability",
    "error",
    "Server errors (5xx)",
    "Check the server logs for these URLs; fix the error or return 404/410 for pages that no longer exist.",
  ),
  e(
    "title-missing",
    "on-page",
    "error",
    "Missing title",
    "Give every page a unique <title> of 30–60 characters that describes its content.",
  ),
  e(
    "title-too-long",
    "on-page",
    "warning",
    "Title too long",
    "Shorten the title to 60 characters or less, with the most important words first.",
  ),
  e(
    "title-duplicate",
    "on-page",
    "warning",
    "Duplicate titles",
    "Write a distinct title for each page so search engines can tell them apart.",
  ),
  e(
    "meta-description-missing",
    "on-page",
    "warning",
    "Missing meta description",
    'Add a <meta name="description"> of 70–160 characters summarising the page.',
  ),
  e("h1-missing", "on-page", "warning", "Missing H1", "Add one H1 heading that states the page's main topic."),
  e(
    "image-alt-missing",
    "on-page",
    "warning",
    "Images without alt text",
    'Add an alt attribute to every <img>: a short description, or alt="" for decorative images.',
  ),
  e(
    "html-lang-missing",
    "international",
    "notice",
    "Missing language",
    'Set <html lang="…"> to the page\'s language code (for example en or de).',
  ),
  e(
    "keyword-not-targeted",
    "keywords",
    "warning",
    "Keyword not targeted",
    "Create or adapt a page whose title and H1 contain the keyword.",
  ),
]);

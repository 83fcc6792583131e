/** JSON-LD validation: parses each block and checks the properties Google requires for rich results. */
const REQUIRED: Record<string, string> = {
  Product: "name",
  Article: "headline",
  NewsArticle: "headline",
  BlogPosting: "headline",
  Organization: "name",
  BreadcrumbList: "itemListElement",
  FAQPage: "mainEntity",
};

export type JsonLdIssue = { kind: "invalid"; reason: string } | { kind: "incomplete"; type: string; property: string };

export function checkJsonLd(blocks: string[]): JsonLdIssue[] {
  const issues: JsonLdIssue[] = [];
  for (const raw of blocks) {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      issues.push({ kind: "invalid", reason: `JSON does not parse: ${(e as Error).message}` });
      continue;
    }
    for (const item of items(data)) {
      if (!item || typeof item !== "object" || Array.isArray(item)) {
        issues.push({ kind: "invalid", reason: "An item is not a JSON object." });
        continue;
      }
      const obj = item as Record<string, unknown>;
      const types = ([] as unknown[])
        .concat(obj["@type"] ?? [])
        .filter((t): t is string => typeof t === "string" && !!t);
      if (types.length === 0) {
        issues.push({ kind: "invalid", reason: "An item has no @type." });
        continue;
      }
      for (const t of types) {
        const prop = REQUIRED[t];
        if (prop && isEmpty(obj[prop])) issues.push({ kind: "incomplete", type: t, property: prop });
      }
    }
  }
  return issues;
}

function items(data: unknown): unknown[] {
  if (Array.isArray(data)) return data.flatMap(items);
  if (data && typeof data === "object" && Array.isArray((data as Record<string, unknown>)["@graph"]))
    return (data as { "@graph": unknown[] })["@graph"];
  return [data];
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
}

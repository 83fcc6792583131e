import type { Params } from "./form";
import { invalid } from "./errors";
import { int, reqStr } from "./params";

type Clause = { field: string; key?: string; op: ":" | "~"; value: string };

/**
 * The part of Stripe's search query language apps use to find their own
 * records: `email:'a@b.c'`, `metadata['userId']:'42'`, `name~'Ann'`, joined by AND.
 */
export function search<T extends { id: string }>(items: T[], p: Params, url: string) {
  const query = reqStr(p, "query");
  const clauses = query.split(/\s+AND\s+/i).map(parseClause);
  const limit = int(p, "limit") ?? 10;
  const page = Number(typeof p.page === "string" ? p.page : 0) || 0;
  const hits = items.filter((item) => clauses.every((c) => matches(item as unknown as Record<string, unknown>, c)));
  const data = hits.slice(page, page + limit);
  const more = hits.length > page + limit;
  return {
    object: "search_result",
    data,
    has_more: more,
    next_page: more ? String(page + limit) : null,
    url,
    total_count: hits.length,
  };
}

function parseClause(text: string): Clause {
  const m = /^\s*([a-z_]+)(?:\[['"]([^'"]+)['"]\])?\s*([:~])\s*['"](.*)['"]\s*$/i.exec(text);
  if (!m) throw invalid(`The search query is not supported by the emulator: ${text}`, "query");
  return { field: m[1] as string, ...(m[2] ? { key: m[2] } : {}), op: m[3] as ":" | "~", value: m[4] as string };
}

function matches(item: Record<string, unknown>, c: Clause): boolean {
  let v = item[c.field];
  if (c.key !== undefined) v = (v as Record<string, unknown> | null)?.[c.key];
  if (v === null || v === undefined) return false;
  const s = String(v);
  return c.op === ":" ? s === c.value : s.toLowerCase().includes(c.value.toLowerCase());
}

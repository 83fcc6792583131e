import type { Params } from "./form";
import { invalid } from "./errors";
import { int, str } from "./params";

export type ListObject<T> = { object: "list"; data: T[]; has_more: boolean; url: string };

/** Cursor pagination over a newest-first array: `limit` (1–100, default 10), `starting_after`, `ending_before`. */
export function paginate<T extends { id: string }>(items: T[], p: Params, url: string): ListObject<T> {
  const limit = int(p, "limit") ?? 10;
  if (limit < 1 || limit > 100) throw invalid("Invalid limit: must be between 1 and 100", "limit");
  const after = str(p, "starting_after");
  const before = str(p, "ending_before");
  if (after) {
    const i = items.findIndex((x) => x.id === after);
    if (i < 0) throw invalid(`Invalid starting_after id: ${after}`, "starting_after", "resource_missing");
    const rest = items.slice(i + 1);
    return { object: "list", data: rest.slice(0, limit), has_more: rest.length > limit, url };
  }
  if (before) {
    const i = items.findIndex((x) => x.id === before);
    if (i < 0) throw invalid(`Invalid ending_before id: ${before}`, "ending_before", "resource_missing");
    const head = items.slice(0, i);
    return { object: "list", data: head.slice(Math.max(0, head.length - limit)), has_more: head.length > limit, url };
  }
  return { object: "list", data: items.slice(0, limit), has_more: items.length > limit, url };
}

/** `created` filters: exact seconds or `created[gte|gt|lte|lt]`. */
export function createdFilter(p: Params): (created: number) => boolean {
  const c = p.created;
  if (c === undefined) return () => true;
  if (typeof c === "string") {
    const n = Number(c);
    return (x) => x === n;
  }
  if (Array.isArray(c)) throw invalid("Invalid created filter", "created");
  const bound = (k: string) => (typeof c[k] === "string" ? Number(c[k]) : undefined);
  const [gt, gte, lt, lte] = [bound("gt"), bound("gte"), bound("lt"), bound("lte")];
  return (x) =>
    (gt === undefined || x > gt) &&
    (gte === undefined || x >= gte) &&
    (lt === undefined || x < lt) &&
    (lte === undefined || x <= lte);
}

export function fullList<T>(data: T[], url: string): ListObject<T> {
  return { object: "list", data, has_more: false, url };
}

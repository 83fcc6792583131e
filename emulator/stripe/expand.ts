import type { Ctx } from "./core";
import { invalid } from "./errors";
import type { StoredObject } from "./types";

type Json = Record<string, unknown>;
/** Fields that exist only when expanded (Stripe calls them "includable"). */
export type Virtuals = Record<string, Record<string, (ctx: Ctx, obj: Json) => unknown>>;

const MAX_DEPTH = 4;

/** Applies `expand[]` paths (`customer`, `latest_invoice.payments`, `data.customer` on lists) to a copy. */
export function expand(ctx: Ctx, value: unknown, paths: string[], virtuals: Virtuals): unknown {
  let out = JSON.parse(JSON.stringify(value)) as unknown;
  for (const path of paths) {
    const parts = path.split(".");
    if (parts.length > MAX_DEPTH)
      throw invalid(`You cannot expand more than ${MAX_DEPTH} levels of a property.`, "expand");
    out = walk(ctx, out, parts, virtuals, path);
  }
  return out;
}

function walk(ctx: Ctx, value: unknown, parts: string[], virtuals: Virtuals, full: string): unknown {
  if (parts.length === 0 || value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => walk(ctx, v, parts, virtuals, full));
  if (typeof value !== "object") return value;
  const [head, ...rest] = parts as [string, ...string[]];
  const obj = value as Json;
  let field = obj[head];
  const virtual = virtuals[String(obj.object)]?.[head];
  if (field === undefined && virtual) field = virtual(ctx, obj);
  if (field === undefined && obj.object !== "list") {
    throw invalid(`This property cannot be expanded (${full}).`, "expand");
  }
  field = resolve(ctx, field);
  obj[head] = walk(ctx, field, rest, virtuals, full);
  return obj;
}

function resolve(ctx: Ctx, field: unknown): unknown {
  if (typeof field === "string") {
    const found = ctx.store.get<StoredObject>(field);
    return found ? JSON.parse(JSON.stringify(found)) : field;
  }
  if (Array.isArray(field)) return field.map((f) => resolve(ctx, f));
  return field;
}

import type Stripe from "stripe";
import type { Router } from "../router";
import { notFound } from "../errors";
import { paginate, createdFilter } from "../list";
import { str, strArr } from "../params";
import type { StoredObject } from "../types";

type EventObj = Stripe.Event & StoredObject;

export function registerEvents(r: Router): void {
  r.get("/v1/events/:id", (ctx, _p, a) => {
    const e = ctx.store.get<EventObj>(a.id as string, "event");
    if (!e) throw notFound("event", a.id as string);
    return e;
  });
  r.get("/v1/events", (ctx, p) => {
    const type = str(p, "type");
    const types = strArr(p, "types");
    // `type` accepts a trailing wildcard, e.g. `invoice.*`.
    const matches = (t: string) =>
      (!type || (type.endsWith("*") ? t.startsWith(type.slice(0, -1)) : t === type)) &&
      (!types.length || types.includes(t));
    const created = createdFilter(p);
    const items = ctx.store.all<EventObj>("event").filter((e) => matches(e.type) && created(e.created));
    return paginate(items, p, "/v1/events");
  });
}

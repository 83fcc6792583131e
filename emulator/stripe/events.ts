import type Stripe from "stripe";
import { API_VERSION, type Ctx } from "./core";
import { randomId } from "./store";
import type { StoredObject } from "./types";

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Records an event with a snapshot of the object as it is now and hands it to the
 * webhook deliverer. `before` (a snapshot taken before the change) yields
 * `data.previous_attributes`, holding the old values of the top-level keys that changed.
 */
export function emit(ctx: Ctx, type: string, obj: StoredObject, before?: StoredObject): Stripe.Event {
  const data: { object: StoredObject; previous_attributes?: Record<string, unknown> } = { object: clone(obj) };
  if (before) data.previous_attributes = previousAttributes(before, obj);
  const event = {
    id: randomId("evt"),
    object: "event",
    api_version: API_VERSION,
    created: ctx.store.now(),
    data,
    livemode: false,
    pending_webhooks: 0,
    request: { id: ctx.request.id, idempotency_key: ctx.request.idempotency_key },
    type,
    context: undefined,
  } as unknown as Stripe.Event;
  ctx.store.put(event as unknown as StoredObject);
  event.pending_webhooks = ctx.sink(event);
  return event;
}

export function snapshot<T>(obj: T): T {
  return clone(obj);
}

function previousAttributes(before: StoredObject, after: StoredObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) out[key] = b[key] ?? null;
  }
  return out;
}

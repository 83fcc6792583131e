import type Stripe from "stripe";
import type { Router } from "../router";
import { invalid, notFound } from "../errors";
import { paginate } from "../list";
import { mergeMetadata, reqStr, str, strArr } from "../params";
import { randomId } from "../store";
import type { StoredObject } from "../types";
import { API_VERSION } from "../core";

export type WebhookEndpointObj = Stripe.WebhookEndpoint & StoredObject;

/** Endpoints created through the API receive events beside the one configured by env. */
export function registerWebhookEndpoints(r: Router): void {
  r.post("/v1/webhook_endpoints", (ctx, p) => {
    const url = reqStr(p, "url");
    if (!/^https?:\/\//.test(url))
      throw invalid("Invalid URL: must start with http:// or https://", "url", "url_invalid");
    const events = strArr(p, "enabled_events");
    if (!events.length) throw invalid("Missing required param: enabled_events.", "enabled_events", "parameter_missing");
    const endpoint = {
      id: randomId("we"),
      object: "webhook_endpoint",
      api_version: str(p, "api_version") ?? API_VERSION,
      application: null,
      created: ctx.store.now(),
      description: str(p, "description") ?? null,
      enabled_events: events,
      livemode: false,
      metadata: mergeMetadata({}, p),
      secret: `whsec_${randomId("x", 32).slice(2)}`,
      status: "enabled",
      url,
    } as Stripe.WebhookEndpoint;
    return ctx.store.put(endpoint as WebhookEndpointObj);
  });
  r.get("/v1/webhook_endpoints/:id", (ctx, _p, a) => {
    const we = ctx.store.get<WebhookEndpointObj>(a.id as string, "webhook_endpoint");
    if (!we) throw notFound("webhook_endpoint", a.id as string);
    // The secret is only revealed on creation.
    return { ...we, secret: undefined };
  });
  r.get("/v1/webhook_endpoints", (ctx, p) =>
    paginate(
      ctx.store.all<WebhookEndpointObj>("webhook_endpoint").map((w) => ({ ...w, secret: undefined })),
      p,
      "/v1/webhook_endpoints",
    ),
  );
  r.del("/v1/webhook_endpoints/:id", (ctx, _p, a) => {
    const we = ctx.store.get<WebhookEndpointObj>(a.id as string, "webhook_endpoint");
    if (!we) throw notFound("webhook_endpoint", a.id as string);
    ctx.store.remove(we.id);
    return { id: we.id, object: "webhook_endpoint", deleted: true };
  });
}

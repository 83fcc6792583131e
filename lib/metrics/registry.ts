import client from "prom-client";

type Metrics = {
  registry: client.Registry;
  httpDuration: client.Histogram<"method" | "route" | "status">;
  webhookEvents: client.Counter<"type" | "outcome">;
  auditsFinished: client.Counter<"status">;
};

// Module state is re-created on hot reload; the registry must not be, or
// prom-client throws on duplicate metric names.
const g = globalThis as unknown as { __seoMetrics?: Metrics };

function create(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request duration by route and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    webhookEvents: new client.Counter({
      name: "stripe_webhook_events_total",
      help: "Stripe webhook events by type and outcome",
      labelNames: ["type", "outcome"],
      registers: [registry],
    }),
    auditsFinished: new client.Counter({
      name: "audits_finished_total",
      help: "Audits that reached a final status",
      labelNames: ["status"],
      registers: [registry],
    }),
  };
}

export function metrics(): Metrics {
  g.__seoMetrics ??= create();
  return g.__seoMetrics;
}

import type Stripe from "stripe";
import { API_VERSION, type Ctx } from "../core";
import type { Deliverer } from "../webhooks/deliver";
import type { StoredObject } from "../types";
import { date, esc, layout, money } from "./html";

const TYPES = [
  "customer",
  "checkout.session",
  "subscription",
  "invoice",
  "payment_intent",
  "charge",
  "refund",
  "product",
  "price",
  "payment_method",
  "billing_portal.session",
  "webhook_endpoint",
];

function summary(o: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof o.email === "string") parts.push(esc(o.email));
  if (typeof o.name === "string") parts.push(esc(o.name));
  if (typeof o.status === "string") parts.push(`<span class="pill ${esc(o.status)}">${esc(o.status)}</span>`);
  const amount = (o.amount ?? o.total ?? o.unit_amount ?? o.amount_total) as number | undefined;
  if (typeof amount === "number") parts.push(esc(money(amount, o.currency as string)));
  if (typeof o.lookup_key === "string") parts.push(`lookup_key ${esc(o.lookup_key)}`);
  if (typeof o.url === "string") parts.push(`<a href="${esc(o.url)}">open</a>`);
  return parts.join(" · ");
}

/** The emulator's own dashboard: state, events, deliveries (with replay) and the test controls. */
export function dashboard(ctx: Ctx, deliverer: Deliverer, url: URL): string {
  const store = ctx.store;
  const type = url.searchParams.get("type") ?? "";
  const objects = (
    type
      ? store.all<StoredObject>(type)
      : TYPES.flatMap((t) => store.all<StoredObject>(t)).sort((a, b) => (b.created ?? 0) - (a.created ?? 0))
  ).slice(0, 50);
  const events = store.all<Stripe.Event & StoredObject>("event").slice(0, 50);
  const deliveries = [...store.state.deliveries].reverse().slice(0, 50);
  const cfg = store.state.config;
  const endpoints = deliverer.endpointsFor("*").map((e) => e.url);
  const counts = TYPES.map(
    (t) => `<a href="/?type=${encodeURIComponent(t)}">${esc(t)}</a> ${store.all(t).length}`,
  ).join(" · ");
  const body = `<h1>Stripe emulator</h1>
<div class="card"><p>API version <code>${esc(API_VERSION)}</code> · clock <strong>${esc(date(store.now()))}</strong>${store.state.clockOffset ? ` (advanced ${Math.round(store.state.clockOffset / 86400)} days)` : ""}</p>
<p>Webhooks to: ${endpoints.length ? endpoints.map((u) => `<code>${esc(u)}</code>`).join(" ") : "nowhere"}</p>
<div class="row">
<form method="post" action="/_emulator/advance" class="row"><input name="days" value="31" aria-label="days" style="max-width:80px"><button>Advance clock (days)</button></form>
<form method="post" action="/_emulator/reset" onsubmit="return confirm('Forget everything?')"><button class="danger">Reset all data</button></form></div></div>
<div class="card"><h2>Chaos switches</h2><form method="post" action="/_emulator/config" class="row">
<label>Deliver each event N times<input name="duplicate" value="${cfg.duplicate}"></label>
<label>Shuffle window<input name="shuffleWindow" value="${cfg.shuffleWindow}"></label>
<label>Delay (ms)<input name="delayMs" value="${cfg.delayMs}"></label>
<label>Drop first attempt<select name="dropFirstAttempt"><option value="false">no</option><option value="true" ${cfg.dropFirstAttempt ? "selected" : ""}>yes</option></select></label>
<button>Save</button></form></div>
<div class="card"><h2>Objects</h2><p class="muted">${counts} · <a href="/">all</a></p><table><tr><th>Id</th><th>Type</th><th>Created</th><th></th></tr>
${objects.map((o) => `<tr><td><a href="/_emulator/objects/${esc(o.id)}"><code>${esc(o.id)}</code></a></td><td>${esc(o.object)}</td><td>${esc(date(o.created))}</td><td>${summary(o as unknown as Record<string, unknown>)}</td></tr>`).join("")}</table></div>
<div class="card"><h2>Events</h2><table><tr><th>Event</th><th>Type</th><th>Created</th><th>Webhooks</th><th></th></tr>
${events
  .map((e) => {
    const ds = store.state.deliveries.filter((d) => d.eventId === e.id);
    const state = ds.map((d) => `<span class="pill ${d.status}">${d.status}</span>`).join(" ");
    return `<tr><td><a href="/_emulator/objects/${esc(e.id)}"><code>${esc(e.id)}</code></a></td><td>${esc(e.type)}</td><td>${esc(date(e.created))}</td><td>${state}</td>
<td><form method="post" action="/_emulator/events/${esc(e.id)}/replay" class="inline"><button class="secondary">Replay</button></form></td></tr>`;
  })
  .join("")}</table></div>
<div class="card"><h2>Webhook deliveries</h2><table><tr><th>Event</th><th>Endpoint</th><th>Status</th><th>Attempts</th></tr>
${deliveries
  .map(
    (
      d,
    ) => `<tr><td>${esc(d.eventType)}<div class="muted"><code>${esc(d.eventId)}</code></div></td><td><code>${esc(d.url)}</code></td><td><span class="pill ${d.status}">${d.status}</span></td>
<td>${d.attempts.map((a) => `${esc(new Date(a.at).toISOString().slice(11, 19))} ${a.status ?? "—"}${a.error ? ` <span class="muted">${esc(a.error)}</span>` : ""} (${a.durationMs} ms)`).join("<br>")}${d.status === "pending" ? `<div class="muted">next ${esc(new Date(d.nextAttemptAt).toISOString().slice(11, 19))}</div>` : ""}</td></tr>`,
  )
  .join("")}</table></div>`;
  return layout("Stripe emulator", body);
}

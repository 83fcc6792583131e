import type { ServerResponse } from "node:http";
import type Stripe from "stripe";
import type { Ctx } from "../core";
import { redirect, sendHtml } from "../http";
import { emit, snapshot } from "../events";
import { getPortalSession } from "../resources/portal-sessions";
import { getCustomer, updateCustomer } from "../resources/customers";
import { createCardPaymentMethod, type PaymentMethodObj } from "../resources/payment-methods";
import { getProduct } from "../resources/products";
import type { SubscriptionObj } from "../billing/subscription";
import { currentPeriod } from "../billing/subscription";
import type { InvoiceObj } from "../billing/invoice";
import { payInvoice } from "../billing/invoice";
import { setCancelAtPeriodEnd, switchPrice, defaultPaymentMethod } from "../billing/lifecycle";
import { settleAfterPayment } from "../billing/dunning";
import { cardOutcome, luhnValid, normalizeCard } from "../billing/cards";
import { StripeApiError } from "../errors";
import { date, esc, layout, money } from "./html";

function priceLabel(ctx: Ctx, p: Stripe.Price): string {
  const every = p.recurring
    ? ` / ${p.recurring.interval_count > 1 ? `${p.recurring.interval_count} ` : ""}${p.recurring.interval}`
    : "";
  return `${getProduct(ctx, p.product as string).name} — ${money(p.unit_amount, p.currency)}${every}`;
}

function subscriptionCard(ctx: Ctx, bps: string, sub: SubscriptionObj): string {
  const item = sub.items.data[0] as Stripe.SubscriptionItem;
  const { end } = currentPeriod(sub);
  const others = ctx.store
    .all<Stripe.Price & { id: string; object: string }>("price")
    .filter((p) => p.active && p.type === "recurring" && p.currency === sub.currency && p.id !== item.price.id);
  const form = (action: string, label: string, cls = "", extra = "") =>
    `<form method="post" action="/portal/${esc(bps)}" class="inline"><input type="hidden" name="action" value="${action}"><input type="hidden" name="subscription" value="${esc(sub.id)}">${extra}<button class="${cls}" data-testid="${action}">${label}</button></form>`;
  const status = sub.cancel_at_period_end
    ? `<p class="muted">Cancels on ${esc(date(end))}.</p>${form("resume", "Resume subscription")}`
    : `<p class="muted">${sub.status === "trialing" ? "Trial ends" : "Renews"} on ${esc(date(end))}.</p>${form("cancel", "Cancel at period end", "danger")}`;
  const switcher = others.length
    ? `<h2>Switch plan</h2>${form("switch", "Switch plan", "secondary", `<select name="price" data-testid="price">${others.map((p) => `<option value="${esc(p.id)}">${esc(priceLabel(ctx, p))}</option>`).join("")}</select> `)}`
    : "";
  return `<div class="card" data-testid="subscription"><h2>${esc(priceLabel(ctx, item.price))}</h2>
<p><span class="pill ${esc(sub.status)}">${esc(sub.status)}</span></p>${status}${switcher}</div>`;
}

export function portalGet(ctx: Ctx, res: ServerResponse, id: string, query: Record<string, string>): void {
  let session;
  try {
    session = getPortalSession(ctx, id);
  } catch {
    return sendHtml(
      res,
      404,
      layout("Not found", `<div class="card"><h1>Portal session not found</h1></div>`, { narrow: true }),
    );
  }
  const customer = getCustomer(ctx, session.customer);
  const subs = ctx.store
    .all<SubscriptionObj>("subscription")
    .filter((s) => s.customer === customer.id && s.status !== "canceled");
  const invoices = ctx.store
    .all<InvoiceObj>("invoice")
    .filter((i) => i.customer === customer.id && i.status !== "draft");
  const pmId = customer.invoice_settings.default_payment_method ?? subs[0]?.default_payment_method ?? null;
  const pm = pmId ? ctx.store.get<PaymentMethodObj>(pmId as string, "payment_method") : undefined;
  const flash = query.msg ? `<div class="ok" role="status">${esc(query.msg)}</div>` : "";
  const error = query.error ? `<div class="error" role="alert">${esc(query.error)}</div>` : "";
  const back = session.return_url
    ? `<p><a class="btn secondary" href="${esc(session.return_url)}" data-testid="return">← Return to the site</a></p>`
    : "";
  const body = `<h1>Billing for ${esc(customer.email ?? customer.id)}</h1>${flash}${error}${back}
${subs.length ? subs.map((s) => subscriptionCard(ctx, id, s)).join("") : `<div class="card"><p>No active subscription.</p></div>`}
<div class="card"><h2>Payment method</h2><p>${pm?.card ? `${esc(pm.card.brand)} ending in ${esc(pm.card.last4)}` : "None"}</p>
<form method="post" action="/portal/${esc(id)}"><input type="hidden" name="action" value="card">
<label for="card">New card number</label><input id="card" name="card" inputmode="numeric" placeholder="4242 4242 4242 4242" required>
<p><button data-testid="card">Replace card</button></p></form></div>
<div class="card"><h2>Invoices</h2><table><tr><th>Date</th><th>Number</th><th>Status</th><th class="right">Total</th></tr>
${invoices.map((i) => `<tr><td>${esc(date(i.created))}</td><td><a href="${esc(i.hosted_invoice_url)}">${esc(i.number)}</a></td><td><span class="pill ${esc(i.status)}">${esc(i.status)}</span></td><td class="right">${esc(money(i.total, i.currency))}</td></tr>`).join("")}
</table></div>`;
  sendHtml(res, 200, layout("Billing portal", body, { narrow: true }));
}

export function portalAction(ctx: Ctx, res: ServerResponse, id: string, form: Record<string, string>): void {
  let session;
  try {
    session = getPortalSession(ctx, id);
  } catch {
    return sendHtml(
      res,
      404,
      layout("Not found", `<div class="card"><h1>Portal session not found</h1></div>`, { narrow: true }),
    );
  }
  const back = (key: "msg" | "error", text: string) =>
    redirect(res, `/portal/${encodeURIComponent(id)}?${key}=${encodeURIComponent(text)}`);
  const customer = getCustomer(ctx, session.customer);
  const sub = form.subscription ? ctx.store.get<SubscriptionObj>(form.subscription, "subscription") : undefined;
  if (form.action !== "card" && (!sub || sub.customer !== customer.id || sub.status === "canceled"))
    return back("error", "That subscription is not available.");
  try {
    if (form.action === "cancel" && sub) {
      setCancelAtPeriodEnd(ctx, sub, true);
      return back("msg", "Your subscription will be canceled at the end of the period.");
    }
    if (form.action === "resume" && sub) {
      setCancelAtPeriodEnd(ctx, sub, false);
      return back("msg", "Your subscription has been resumed.");
    }
    if (form.action === "switch" && sub) {
      const price = ctx.store.get<Stripe.Price & { id: string; object: string }>(form.price ?? "", "price");
      if (!price || price.type !== "recurring") return back("error", "Choose a plan.");
      const item = sub.items.data[0] as Stripe.SubscriptionItem;
      switchPrice(ctx, sub, item, price, item.quantity ?? 1, "create_prorations");
      return back("msg", `Switched to ${priceLabel(ctx, price)}.`);
    }
    if (form.action === "card") return replaceCard(ctx, customer.id, form.card ?? "", back);
  } catch (e) {
    if (e instanceof StripeApiError) return back("error", e.message);
    throw e;
  }
  back("error", "Unknown action.");
}

function replaceCard(ctx: Ctx, customerId: string, input: string, back: (k: "msg" | "error", t: string) => void): void {
  const number = normalizeCard(input);
  if (!luhnValid(number)) return back("error", "Your card number is invalid.");
  const outcome = cardOutcome(number);
  // Attaching runs a zero-amount check: outright declines fail here; 0341 passes and fails later.
  if (outcome.kind === "decline") return back("error", outcome.message);
  const customer = getCustomer(ctx, customerId);
  const pm = createCardPaymentMethod(ctx, number, { email: customer.email, name: customer.name ?? null }, customer.id);
  emit(ctx, "payment_method.attached", pm);
  updateCustomer(ctx, customer, { invoice_settings: { default_payment_method: pm.id } });
  for (const sub of ctx.store
    .all<SubscriptionObj>("subscription")
    .filter((s) => s.customer === customer.id && s.status !== "canceled")) {
    const before = snapshot(sub);
    sub.default_payment_method = pm.id;
    emit(ctx, "customer.subscription.updated", sub, before);
    // A customer fixing their card expects the overdue invoice to be paid now, not at the next retry.
    const inv = sub.latest_invoice ? ctx.store.get<InvoiceObj>(sub.latest_invoice as string, "invoice") : undefined;
    if (sub.status === "past_due" && inv?.status === "open") {
      const { paid } = payInvoice(ctx, inv, defaultPaymentMethod(ctx, sub), true, inv.next_payment_attempt);
      if (paid) settleAfterPayment(ctx, sub, inv);
    }
  }
  back("msg", `Card ending in ${number.slice(-4)} saved.`);
}

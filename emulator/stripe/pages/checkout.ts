import type { ServerResponse } from "node:http";
import type { Ctx } from "../core";
import { esc, layout, money } from "./html";
import { redirect, sendHtml } from "../http";
import { expireIfDue, sessionLineItems, type SessionObj } from "../resources/checkout-sessions";
import type { CustomerObj } from "../resources/customers";
import { cardOutcome, luhnValid, normalizeCard, TEST_CARDS } from "../billing/cards";
import { completeCheckout } from "../billing/checkout-complete";

function findSession(ctx: Ctx, id: string): SessionObj | undefined {
  const s = ctx.store.get<SessionObj>(id, "checkout.session");
  return s ? expireIfDue(ctx, s) : undefined;
}

function notFoundPage(res: ServerResponse): void {
  sendHtml(
    res,
    404,
    layout("Not found", `<div class="card"><h1>Checkout session not found</h1></div>`, { narrow: true }),
  );
}

type FormState = { email?: string; name?: string; card?: string; error?: string };

export function renderCheckout(ctx: Ctx, s: SessionObj, state: FormState = {}): string {
  if (s.status === "expired") {
    const back = s.cancel_url ? `<p><a class="btn secondary" href="${esc(s.cancel_url)}">Return</a></p>` : "";
    return layout(
      "Session expired",
      `<div class="card"><h1>This checkout session has expired</h1><p class="muted">Start again from the site to get a new one.</p>${back}</div>`,
      { narrow: true },
    );
  }
  if (s.status === "complete") {
    const next = s.success_url ? `<p><a class="btn" href="${esc(successUrl(s))}">Continue</a></p>` : "";
    return layout("Paid", `<div class="card"><h1>This checkout session is already complete</h1>${next}</div>`, {
      narrow: true,
    });
  }
  const items = sessionLineItems(ctx, s.id);
  const options = ctx.store.state.internal.checkoutOptions[s.id];
  const customer = s.customer ? ctx.store.get<CustomerObj>(s.customer as string, "customer") : undefined;
  const fixedEmail = customer?.email ?? null;
  const email = fixedEmail ?? state.email ?? s.customer_email ?? "";
  const rows = items
    .map((i) => {
      const every = i.price?.recurring ? ` / ${i.price.recurring.interval}` : "";
      return `<tr><td>${esc(i.description)}${i.quantity && i.quantity > 1 ? ` × ${i.quantity}` : ""}<div class="muted">${i.price?.recurring ? "Recurring" : "One-time"}</div></td><td class="right">${esc(money(i.amount_total, i.currency))}${esc(every)}</td></tr>`;
    })
    .join("");
  const trial = options?.trialDays
    ? `<p class="muted">Includes a ${options.trialDays}-day free trial: recurring charges start after it.</p>`
    : "";
  const cards = TEST_CARDS.map(
    (c) => `<tr><td><code>${esc(c.number.replace(/(\d{4})(?=\d)/g, "$1 "))}</code></td><td>${esc(c.label)}</td></tr>`,
  ).join("");
  const cancel = s.cancel_url
    ? `<a class="btn secondary" href="${esc(s.cancel_url)}" data-testid="cancel">← Back</a>`
    : "";
  const body = `
<div class="card">
  <h1>${s.mode === "subscription" ? "Subscribe" : "Pay"}</h1>
  <table>${rows}<tr><th>Due today</th><th class="right" data-testid="total">${esc(money(s.amount_total, s.currency))}</th></tr></table>
  ${trial}
</div>
<div class="card">
  ${state.error ? `<div class="error" role="alert" data-testid="error">${esc(state.error)}</div>` : ""}
  <form method="post" action="/checkout/${esc(s.id)}/pay">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" required value="${esc(email)}" ${fixedEmail ? "readonly" : ""}>
    <label for="card">Card number</label>
    <input id="card" name="card" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required value="${esc(state.card ?? "")}">
    <div class="row"><div><label for="exp">Expiry (MM / YY)</label><input id="exp" name="exp" placeholder="12 / 34" value="12 / 34"></div>
    <div><label for="cvc">CVC</label><input id="cvc" name="cvc" placeholder="123" value="123"></div></div>
    <label for="name">Name on card</label>
    <input id="name" name="name" autocomplete="cc-name" value="${esc(state.name ?? "")}">
    <p class="row"><button type="submit" data-testid="submit">${s.mode === "subscription" ? "Subscribe" : "Pay"} ${esc(money(s.amount_total, s.currency))}</button>${cancel}</p>
  </form>
</div>
<div class="card"><h2>Test cards</h2><table>${cards}</table><p class="muted">Any future expiry and any CVC work.</p></div>`;
  return layout("Checkout", body, { narrow: true });
}

function successUrl(s: SessionObj): string {
  return (s.success_url ?? "").replace(/\{CHECKOUT_SESSION_ID\}/g, encodeURIComponent(s.id));
}

function finish(
  ctx: Ctx,
  res: ServerResponse,
  s: SessionObj,
  payer: { email: string; name: string | null; card: string },
): void {
  const { decline } = completeCheckout(ctx, s, payer);
  if (decline)
    return sendHtml(res, 402, renderCheckout(ctx, s, { ...payer, name: payer.name ?? "", error: decline.message }));
  if (s.success_url) return redirect(res, successUrl(s));
  sendHtml(
    res,
    200,
    layout("Paid", `<div class="card"><h1>Payment complete</h1><p>Thanks!</p></div>`, { narrow: true }),
  );
}

function expiryError(exp: string | undefined): string | null {
  if (!exp?.trim()) return null;
  const m = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(exp);
  if (!m) return "Your card's expiration date is incomplete.";
  const month = Number(m[1]);
  const year = Number(m[2]) < 100 ? 2000 + Number(m[2]) : Number(m[2]);
  if (month < 1 || month > 12) return "Your card's expiration month is invalid.";
  const now = new Date();
  if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) {
    return "Your card's expiration date is in the past.";
  }
  return null;
}

export function checkoutGet(ctx: Ctx, res: ServerResponse, id: string): void {
  const s = findSession(ctx, id);
  if (!s) return notFoundPage(res);
  sendHtml(res, s.status === "expired" ? 410 : 200, renderCheckout(ctx, s));
}

export function checkoutPay(ctx: Ctx, res: ServerResponse, id: string, form: Record<string, string>): void {
  const s = findSession(ctx, id);
  if (!s) return notFoundPage(res);
  if (s.status !== "open") return sendHtml(res, 409, renderCheckout(ctx, s));
  const customer = s.customer ? ctx.store.get<CustomerObj>(s.customer as string, "customer") : undefined;
  const email = (customer?.email ?? form.email ?? "").trim();
  const name = (form.name ?? "").trim() || null;
  const card = normalizeCard(form.card ?? "");
  const state = { email, name: name ?? "", card: form.card ?? "" };
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    return sendHtml(res, 400, renderCheckout(ctx, s, { ...state, error: "Your email address is invalid." }));
  if (!luhnValid(card))
    return sendHtml(res, 400, renderCheckout(ctx, s, { ...state, error: "Your card number is invalid." }));
  const expErr = expiryError(form.exp);
  if (expErr) return sendHtml(res, 400, renderCheckout(ctx, s, { ...state, error: expErr }));
  const outcome = cardOutcome(card);
  if (outcome.kind === "decline")
    return sendHtml(res, 402, renderCheckout(ctx, s, { ...state, error: outcome.message }));
  if (outcome.kind === "attach_then_fail" && (s.amount_total ?? 0) > 0) {
    return sendHtml(res, 402, renderCheckout(ctx, s, { ...state, error: "Your card was declined." }));
  }
  if (outcome.kind === "requires_action") {
    ctx.store.state.internal.pending3ds[s.id] = { card, email, name: name ?? "" };
    ctx.store.touch();
    return redirect(res, `/checkout/${encodeURIComponent(s.id)}/3ds`);
  }
  finish(ctx, res, s, { email, name, card });
}

export function threeDsGet(ctx: Ctx, res: ServerResponse, id: string): void {
  const s = findSession(ctx, id);
  const pending = s ? ctx.store.state.internal.pending3ds[s.id] : undefined;
  if (!s || !pending || s.status !== "open") return s ? sendHtml(res, 409, renderCheckout(ctx, s)) : notFoundPage(res);
  const body = `<div class="card"><h1>3-D Secure test page</h1>
<p>Your bank asks you to confirm the payment of <strong>${esc(money(s.amount_total, s.currency))}</strong> with the card ending in ${esc(pending.card.slice(-4))}.</p>
<form method="post" action="/checkout/${esc(s.id)}/3ds" class="row">
<button name="action" value="complete" data-testid="3ds-complete">Complete authentication</button>
<button name="action" value="fail" class="danger" data-testid="3ds-fail">Fail authentication</button></form></div>`;
  sendHtml(res, 200, layout("Authenticate", body, { narrow: true }));
}

export function threeDsPost(ctx: Ctx, res: ServerResponse, id: string, form: Record<string, string>): void {
  const s = findSession(ctx, id);
  const pending = s ? ctx.store.state.internal.pending3ds[s.id] : undefined;
  if (!s || !pending || s.status !== "open") return s ? sendHtml(res, 409, renderCheckout(ctx, s)) : notFoundPage(res);
  delete ctx.store.state.internal.pending3ds[s.id];
  ctx.store.touch();
  if (form.action !== "complete") {
    const error =
      "We are unable to authenticate your payment method. Please choose a different payment method and try again.";
    return sendHtml(res, 402, renderCheckout(ctx, s, { email: pending.email, name: pending.name, error }));
  }
  finish(ctx, res, s, { email: pending.email, name: pending.name || null, card: pending.card });
}

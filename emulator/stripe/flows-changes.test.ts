import { describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { DAY, FAILED, PAID, periodEnd, types, useFlowBed } from "./flows-helpers";

/** Event sequences for failed renewals and dunning, recovery, cancellation and plan switches, verified at a local receiver. */
const f = useFlowBed();

describe("event sequences: dunning and changes", () => {
  it("failed renewal with dunning: retries at +3, +5, +7 days, then the subscription is deleted", async () => {
    const { sub } = await f.subscribe();
    await f.portalPost(sub.customer as string, { action: "card", card: "4000 0000 0000 0341" });
    await f.received();
    const end = periodEnd(sub);
    f.bed.emu.advance(end - f.bed.emu.now());
    const first = await f.received();
    expect(types(first)).toEqual([
      "customer.subscription.updated",
      "invoice.created",
      "invoice.finalized",
      ...FAILED,
      "customer.subscription.updated",
    ]);
    const failedInvoice = first[3]?.data.object as Stripe.Invoice;
    expect(failedInvoice).toMatchObject({ status: "open", attempt_count: 1, next_payment_attempt: end + 3 * DAY });
    expect(first[6]?.data.previous_attributes).toMatchObject({ status: "active" });
    expect((await f.stripe.subscriptions.retrieve(sub.id)).status).toBe("past_due");

    f.bed.emu.advance(3 * DAY);
    const retry1 = await f.received();
    expect(types(retry1)).toEqual(FAILED);
    expect(retry1[0]?.data.object).toMatchObject({ attempt_count: 2, next_payment_attempt: end + 5 * DAY });
    f.bed.emu.advance(4 * DAY + 60);
    const rest = await f.received();
    expect(types(rest)).toEqual([...FAILED, ...FAILED, "customer.subscription.deleted"]);
    expect(rest[3]?.data.object).toMatchObject({ attempt_count: 4, next_payment_attempt: null });
    expect(rest[6]?.data.object).toMatchObject({
      status: "canceled",
      cancellation_details: { reason: "payment_failed" },
    });
  });

  it("a past_due subscription recovers when the card is replaced", async () => {
    const { sub } = await f.subscribe();
    await f.portalPost(sub.customer as string, { action: "card", card: "4000000000000341" });
    f.bed.emu.advance(periodEnd(sub) - f.bed.emu.now());
    await f.received();
    await f.portalPost(sub.customer as string, { action: "card", card: "4242424242424242" });
    const events = await f.received();
    expect(types(events)).toEqual([
      "payment_method.attached",
      "customer.updated",
      "customer.subscription.updated",
      ...PAID,
      "customer.subscription.updated",
    ]);
    expect((await f.stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
  });

  it("a past_due invoice paid on its hosted invoice page", async () => {
    const { sub } = await f.subscribe();
    await f.portalPost(sub.customer as string, { action: "card", card: "4000000000000341" });
    f.bed.emu.advance(periodEnd(sub) - f.bed.emu.now());
    await f.received();
    const invoice = await f.stripe.invoices.retrieve(
      (await f.stripe.subscriptions.retrieve(sub.id)).latest_invoice as string,
    );
    expect(invoice.status).toBe("open");
    const page = await (await fetch(invoice.hosted_invoice_url as string)).text();
    expect(page).toContain("Pay this invoice");
    const declined = await fetch(`${invoice.hosted_invoice_url}/pay`, {
      method: "POST",
      body: new URLSearchParams({ card: "4000000000000002" }),
      redirect: "manual",
    });
    expect(decodeURIComponent(declined.headers.get("location") ?? "")).toContain("error=Your card was declined.");
    const res = await fetch(`${invoice.hosted_invoice_url}/pay`, {
      method: "POST",
      body: new URLSearchParams({ card: "4242424242424242" }),
      redirect: "manual",
    });
    expect(decodeURIComponent(res.headers.get("location") ?? "")).toContain("msg=Invoice paid");
    const events = await f.received();
    expect(types(events)).toEqual(["customer.updated", ...PAID, "customer.subscription.updated"]);
    expect((await f.stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
    expect((await f.stripe.invoices.retrieve(invoice.id)).status).toBe("paid");
  });

  it("cancel at period end", async () => {
    const { sub } = await f.subscribe();
    await f.received();
    await f.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    const update = await f.received();
    expect(types(update)).toEqual(["customer.subscription.updated"]);
    expect(update[0]?.data.previous_attributes).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    f.bed.emu.advance(periodEnd(sub) - f.bed.emu.now() + 60);
    const end = await f.received();
    expect(types(end)).toEqual(["customer.subscription.deleted"]);
    expect(end[0]?.data.object).toMatchObject({ status: "canceled", ended_at: periodEnd(sub) });
    expect((await f.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(1);
  });

  it("cancel at period end and resume from the portal", async () => {
    const { sub } = await f.subscribe();
    await f.received();
    await f.portalPost(sub.customer as string, { action: "cancel", subscription: sub.id });
    await f.portalPost(sub.customer as string, { action: "resume", subscription: sub.id });
    const events = await f.received();
    expect(types(events)).toEqual(["customer.subscription.updated", "customer.subscription.updated"]);
    expect(events.map((e) => (e.data.object as Stripe.Subscription).cancel_at_period_end)).toEqual([true, false]);
  });

  it("plan switch: same interval from the portal, and to another interval through the API", async () => {
    const { sub, product, yearly } = await f.subscribe();
    const business = await f.stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 4900,
      recurring: { interval: "month" },
    });
    await f.received();
    await f.portalPost(sub.customer as string, { action: "switch", subscription: sub.id, price: business.id });
    const portalSwitch = await f.received();
    expect(types(portalSwitch)).toEqual(["customer.subscription.updated"]);
    const prev = portalSwitch[0]?.data.previous_attributes as Partial<Stripe.Subscription>;
    expect(prev.items?.data[0]?.price.id).toBe(sub.items.data[0]?.price.id);
    expect((portalSwitch[0]?.data.object as Stripe.Subscription).items.data[0]?.price.id).toBe(business.id);

    const item = sub.items.data[0]?.id as string;
    await f.stripe.subscriptions.update(sub.id, { items: [{ id: item, price: yearly.id }] });
    const apiSwitch = await f.received();
    expect(types(apiSwitch)).toEqual([
      "customer.subscription.updated",
      "invoice.created",
      "invoice.finalized",
      ...PAID,
    ]);
    const invoice = apiSwitch[1]?.data.object as Stripe.Invoice;
    expect(invoice.billing_reason).toBe("subscription_update");
    expect(invoice.lines.data[1]?.amount).toBe(29000);
    expect(invoice.lines.data[0]?.amount).toBeLessThan(0);
  });
});

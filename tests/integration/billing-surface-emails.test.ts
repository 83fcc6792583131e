import { beforeEach, describe, expect, it } from "vitest";
import { db, schema } from "@/db";
import { sendBillingEmail } from "@/lib/billing/send-billing-email";
import { outbox, resetAll } from "./accounts.helpers";

async function seed() {
  const [u] = await db().insert(schema.users).values({ email: "cust@example.com", name: "Cas Customer" }).returning();
  await db()
    .insert(schema.subscriptions)
    .values({
      id: "sub_abc",
      userId: u!.id,
      stripeCustomerId: "cus_1",
      status: "past_due",
      plan: "pro",
      interval: "month",
      stripePriceId: "price_1",
      currentPeriodEnd: new Date("2026-12-20T00:00:00Z"),
      pastDueSince: new Date("2026-11-20T00:00:00Z"),
      trialEnd: new Date("2026-12-01T00:00:00Z"),
    });
  await db()
    .insert(schema.invoices)
    .values({
      id: "in_abc",
      userId: u!.id,
      stripeCustomerId: "cus_1",
      subscriptionId: "sub_abc",
      number: "INV-42",
      status: "paid",
      currency: "usd",
      subtotal: 3_000_00,
      total: 3_000_00,
      amountPaid: 3_000_00,
      amountDue: 2_500_00,
      hostedInvoiceUrl: "https://pay.test/in_abc",
      periodEnd: new Date("2026-12-20T00:00:00Z"),
    });
  return u!;
}

describe("billing emails: sendBillingEmail renders each template from the mirrored rows, once", () => {
  beforeEach(resetAll);

  it("every template, with the webhook handlers' payloads", async () => {
    const u = await seed();
    const send = (template: Parameters<typeof sendBillingEmail>[0]["template"], ref: string, data = {}) =>
      sendBillingEmail({ template, userId: u.id, ref, data });
    expect(await send("receipt", "in_abc", { invoiceId: "in_abc", amountPaid: 3_000_00, plan: "pro" })).toMatchObject({
      sent: true,
    });
    await send("payment_failed", "in_abc-1", { invoiceId: "in_abc", amountDue: 2_500_00 });
    await send("action_required", "in_abc", { invoiceId: "in_abc", amountDue: 2_500_00 });
    await send("trial_ending", "sub_abc-1", { subscriptionId: "sub_abc", trialEnd: "2026-12-01T00:00:00.000Z" });
    await send("subscription_cancelled", "sub_abc", { subscriptionId: "sub_abc", plan: "pro" });
    await send("refund_issued", "ch_1-100000", { amountRefunded: 1_000_00, amount: 3_000_00, currency: "usd" });

    const mails = await outbox("cust@example.com");
    const by = Object.fromEntries(mails.map((m) => [m.template, m]));
    expect(Object.keys(by).sort()).toEqual([
      "billing-action-required",
      "billing-payment-failed",
      "billing-receipt",
      "billing-refund-issued",
      "billing-subscription-cancelled",
      "billing-trial-ending",
    ]);
    expect(by["billing-receipt"]!.subject).toBe("Receipt: $3,000 for SEO Health Report Pro");
    expect(by["billing-receipt"]!.text).toContain("invoice INV-42");
    expect(by["billing-receipt"]!.text).toContain("http://localhost:3000/api/invoices/in_abc");
    expect(by["billing-payment-failed"]!.text).toContain("until November 27, 2026"); // 7-day grace
    expect(by["billing-payment-failed"]!.text).toContain("http://localhost:3000/dashboard/billing");
    expect(by["billing-action-required"]!.text).toContain("https://pay.test/in_abc");
    expect(by["billing-trial-ending"]!.subject).toBe("Your Pro trial ends on December 1, 2026");
    expect(by["billing-trial-ending"]!.text).toContain("$2,500 / month");
    expect(by["billing-subscription-cancelled"]!.text).toContain("access ends on December 20, 2026");
    expect(by["billing-refund-issued"]!.text).toContain("$1,000 of your $3,000 payment");
    expect(mails.every((m) => m.userId === u.id)).toBe(true);
  });

  it("the same template and ref is sent once; a deleted user gets nothing", async () => {
    const u = await seed();
    const req = { template: "receipt" as const, userId: u.id, ref: "in_abc" };
    expect(await sendBillingEmail(req)).toMatchObject({ sent: true });
    expect(await sendBillingEmail(req)).toMatchObject({ sent: false, deduped: true });
    expect(await outbox("cust@example.com")).toHaveLength(1);
    expect(await sendBillingEmail({ ...req, userId: "no-such-user" })).toEqual({
      sent: false,
      reason: "user not found",
    });
  });
});

import { describe, expect, it } from "vitest";
import type { schema } from "@/db";
import { evaluateSubscription, GRACE_DAYS } from "./entitlements";

type Row = typeof schema.subscriptions.$inferSelect;
const DAY = 86_400_000;
const start = new Date("2026-11-01T00:00:00Z");
const end = new Date("2026-12-01T00:00:00Z");
const now = new Date("2026-11-10T00:00:00Z");

function sub(patch: Partial<Row> = {}): Row {
  return {
    id: "sub_1",
    userId: "u1",
    stripeCustomerId: "cus_1",
    status: "active",
    plan: "pro",
    interval: "month",
    stripePriceId: "price_1",
    currentPeriodStart: start,
    currentPeriodEnd: end,
    cancelAtPeriodEnd: false,
    canceledAt: null,
    endedAt: null,
    trialEnd: null,
    pausedAt: null,
    pastDueSince: null,
    creditsPeriodStart: start,
    auditsUsed: 3,
    lastEventAt: 0,
    createdAt: start,
    updatedAt: start,
    ...patch,
  };
}

describe("entitlement rules", () => {
  it("active and trialing: the plan's limits and the credits left", () => {
    expect(evaluateSubscription(sub(), now)).toMatchObject({
      allowed: true,
      plan: "pro",
      creditsLeft: 7,
      periodEnd: end,
    });
    expect(evaluateSubscription(sub({ status: "trialing", plan: "basic", auditsUsed: 0 }), now)).toMatchObject({
      allowed: true,
      limits: { auditsPerPeriod: 2, keywords: 100, competitors: 1 },
      creditsLeft: 2,
    });
  });

  it("no credits left: refused with an upgrade action", () => {
    const r = evaluateSubscription(sub({ auditsUsed: 10 }), now);
    expect(r).toMatchObject({ allowed: false, action: { label: "Upgrade your plan" } });
    if (!r.allowed) expect(r.reason).toContain("all 10 audits");
  });

  it("past_due: allowed for exactly the grace period", () => {
    const since = new Date("2026-11-05T00:00:00Z");
    const row = sub({ status: "past_due", pastDueSince: since });
    const lastMoment = new Date(since.getTime() + GRACE_DAYS * DAY - 1);
    expect(evaluateSubscription(row, lastMoment)).toMatchObject({ allowed: true });
    expect(evaluateSubscription(row, new Date(since.getTime() + GRACE_DAYS * DAY))).toMatchObject({
      allowed: false,
      action: { href: "/dashboard/billing" },
    });
  });

  it("cancel at period end: access until the boundary", () => {
    const row = sub({ cancelAtPeriodEnd: true });
    expect(evaluateSubscription(row, new Date(end.getTime() - 1))).toMatchObject({ allowed: true });
    expect(evaluateSubscription(row, end)).toMatchObject({ allowed: false, action: { href: "/pricing" } });
  });

  it.each(["canceled", "unpaid", "paused", "incomplete", "incomplete_expired"])("%s: refused", (status) => {
    expect(evaluateSubscription(sub({ status }), now)).toMatchObject({ allowed: false });
  });

  it("no subscription or an unknown plan: choose a plan", () => {
    expect(evaluateSubscription(null, now)).toMatchObject({ allowed: false, action: { href: "/pricing" } });
    expect(evaluateSubscription(sub({ plan: "starter" }), now)).toMatchObject({ allowed: false });
  });
});

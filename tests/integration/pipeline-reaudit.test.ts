import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { requestDueReaudits } from "@/lib/audit-runs/reaudit";
import { PLANS } from "@/lib/billing/plans";
import { resetDb } from "../db";

const BASIC_CREDITS = PLANS.basic.limits.auditsPerPeriod;

async function customer(opts: { auditsUsed: number; lastAuditAt: Date; status?: string }) {
  const [u] = await db()
    .insert(schema.users)
    .values({ email: `r${Math.random()}@example.com` })
    .returning();
  const id = `sub_${Math.random().toString(36).slice(2)}`;
  await db()
    .insert(schema.subscriptions)
    .values({
      id,
      userId: u!.id,
      stripeCustomerId: `cus_${id}`,
      status: opts.status ?? "active",
      plan: "basic",
      interval: "month",
      stripePriceId: "price_x",
      creditsPeriodStart: new Date("2026-11-01T00:00:00Z"),
      auditsUsed: opts.auditsUsed,
    });
  await db()
    .insert(schema.audits)
    .values({
      userId: u!.id,
      subscriptionId: id,
      plan: "basic",
      siteUrl: "https://ex.com/",
      status: "completed",
      keywords: ["k"],
      createdAt: opts.lastAuditAt,
    });
  return { userId: u!.id, subId: id };
}

describe("monthly re-audit", () => {
  beforeEach(resetDb);

  it("requests one re-audit per due subscription with a credit, uses the credit, and is idempotent", async () => {
    const due = await customer({ auditsUsed: 0, lastAuditAt: new Date("2026-10-05T00:00:00Z") });
    await customer({ auditsUsed: 0, lastAuditAt: new Date("2026-11-03T00:00:00Z") }); // audited this period
    await customer({ auditsUsed: BASIC_CREDITS, lastAuditAt: new Date("2026-10-05T00:00:00Z") }); // no credit left
    await customer({ auditsUsed: 0, lastAuditAt: new Date("2026-10-05T00:00:00Z"), status: "canceled" });
    expect(await requestDueReaudits()).toEqual({ requested: 1 });
    expect(await requestDueReaudits()).toEqual({ requested: 0 });
    const audits = await db().select().from(schema.audits).where(eq(schema.audits.trigger, "reaudit"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      userId: due.userId,
      subscriptionId: due.subId,
      siteUrl: "https://ex.com/",
      keywords: ["k"],
      status: "pending",
    });
    const [sub] = await db().select().from(schema.subscriptions).where(eq(schema.subscriptions.id, due.subId));
    expect(sub!.auditsUsed).toBe(1);
    const events = await db().select().from(schema.jobEvents);
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ["audit/requested", { auditId: audits[0]!.id, userId: due.userId }],
    ]);
  });
});

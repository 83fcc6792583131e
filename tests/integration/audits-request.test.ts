import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { GET, POST } from "@/app/api/audits/route";
import { PLANS } from "@/lib/billing/plans";
import { request } from "../http";
import { bearer, registerUser, resetAll } from "./accounts.helpers";

async function subscribe(userId: string, over: Partial<typeof schema.subscriptions.$inferInsert> = {}) {
  const now = Date.now();
  await db()
    .insert(schema.subscriptions)
    .values({
      id: `sub_${Math.random().toString(36).slice(2, 10)}`,
      userId,
      stripeCustomerId: "cus_test",
      status: "active",
      plan: "basic",
      interval: "month",
      stripePriceId: "price_basic_monthly",
      currentPeriodStart: new Date(now - 86_400_000),
      currentPeriodEnd: new Date(now + 29 * 86_400_000),
      ...over,
    });
}

const body = { siteUrl: "https://example.com/", keywords: ["seo audit"], competitors: [] };

describe("POST /api/audits (a subscriber starts another audit)", () => {
  beforeEach(resetAll);

  it("spends a credit, creates the audit and queues audit/requested in one go", async () => {
    const u = await registerUser();
    await subscribe(u.id);
    const res = await POST(request("/api/audits", { headers: bearer(u.token), body }));
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [audit] = await db().select().from(schema.audits).where(eq(schema.audits.id, id));
    expect(audit).toMatchObject({ status: "pending", plan: "basic", trigger: "manual", userId: u.id });
    const [sub] = await db().select().from(schema.subscriptions);
    expect(sub!.auditsUsed).toBe(1);
    const events = await db().select().from(schema.jobEvents);
    expect(events.filter((e) => e.name === "audit/requested")).toHaveLength(1);

    const list = await GET(request("/api/audits", { headers: bearer(u.token) }));
    expect((await list.json()).audits.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it("402 with the reason and an action when there is no subscription, and writes nothing", async () => {
    const u = await registerUser();
    const res = await POST(request("/api/audits", { headers: bearer(u.token), body }));
    expect(res.status).toBe(402);
    const err = await res.json();
    expect(JSON.stringify(err)).toMatch(/subscription/i);
    expect(JSON.stringify(err)).toContain("/pricing");
    expect(await db().select().from(schema.audits)).toHaveLength(0);
  });

  it("402 when the period's credits are used up; the counter is untouched", async () => {
    const u = await registerUser();
    await subscribe(u.id, { auditsUsed: PLANS.basic.limits.auditsPerPeriod });
    const res = await POST(request("/api/audits", { headers: bearer(u.token), body }));
    expect(res.status).toBe(402);
    const [sub] = await db().select().from(schema.subscriptions);
    expect(sub!.auditsUsed).toBe(PLANS.basic.limits.auditsPerPeriod);
  });

  it("400 naming the limit when competitors exceed the plan, and the credit is not spent", async () => {
    const u = await registerUser();
    await subscribe(u.id);
    const res = await POST(
      request("/api/audits", {
        headers: bearer(u.token),
        body: { ...body, competitors: ["https://a.example/", "https://b.example/"] },
      }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/at most 1 competitors/);
    const [sub] = await db().select().from(schema.subscriptions);
    expect(sub!.auditsUsed).toBe(0);
  });

  it("400 for a private or malformed site URL, 401 without credentials", async () => {
    const u = await registerUser();
    await subscribe(u.id);
    const bad = await POST(
      request("/api/audits", { headers: bearer(u.token), body: { ...body, siteUrl: "ftp://example.com" } }),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("siteUrl");
    expect((await POST(request("/api/audits", { body }))).status).toBe(401);
  });
});

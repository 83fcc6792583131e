import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { DELETE as accountDelete, GET as accountGet } from "@/app/api/account/route";
import { GET as exportGet } from "@/app/api/account/export/route";
import { POST as registerRoute } from "@/app/api/auth/register/route";
import { setSubscriptionCanceller } from "@/lib/account/cancel-subscription";
import { recordAuditLog } from "@/lib/audit-log/record";
import { dbStorage } from "@/lib/storage";
import { request } from "../http";
import { auditActions, bearer, GOOD_PASSWORD, registerUser, resetAll, tokenFor } from "./accounts.helpers";

async function seedCustomerData(userId: string) {
  const d = db();
  await d.insert(schema.customers).values({ userId, stripeCustomerId: "cus_ann" });
  await d.insert(schema.subscriptions).values([
    {
      id: "sub_live",
      userId,
      stripeCustomerId: "cus_ann",
      status: "active",
      plan: "pro",
      interval: "year",
      stripePriceId: "price_pro",
    },
    {
      id: "sub_old",
      userId,
      stripeCustomerId: "cus_ann",
      status: "canceled",
      plan: "basic",
      interval: "month",
      stripePriceId: "price_basic",
    },
  ]);
  await d.insert(schema.payments).values({
    userId,
    stripeChargeId: "ch_1",
    stripePaymentIntentId: "pi_1",
    subscriptionId: "sub_live",
    plan: "pro",
    amount: 19900,
    currency: "eur",
    status: "succeeded",
    billingEmail: "ann@example.com",
    billingName: "Ann Example",
  });
  await d.insert(schema.invoices).values({
    id: "in_1",
    userId,
    stripeCustomerId: "cus_ann",
    status: "paid",
    currency: "eur",
    subtotal: 19900,
    total: 19900,
    customerEmail: "ann@example.com",
    customerName: "Ann Example",
  });
  const [audit] = await d
    .insert(schema.audits)
    .values({
      userId,
      plan: "pro",
      siteUrl: "https://ann.example",
      companyName: "Ann Ltd",
      status: "completed",
      score: 81,
    })
    .returning();
  await d.insert(schema.auditPages).values({ auditId: audit!.id, url: "https://ann.example/", status: 200 });
  await d.insert(schema.storedFiles).values({
    key: `reports/${audit!.id}.pdf`,
    contentType: "application/pdf",
    data: Buffer.from("%PDF"),
    sizeBytes: 4,
  });
  await d
    .insert(schema.reports)
    .values({ auditId: audit!.id, status: "ready", storageKey: `reports/${audit!.id}.pdf`, sizeBytes: 4 });
  return audit!.id;
}

describe("GET /api/account/export", () => {
  beforeEach(resetAll);

  it("returns every piece of the user's personal data, and no secrets", async () => {
    const ann = await registerUser("ann@example.com");
    await registerUser("bo@example.com"); // someone else's data must not appear
    const auditId = await seedCustomerData(ann.id);
    const res = await exportGet(request("/api/account/export", { headers: { cookie: ann.cookie } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="seo-health-report-export-\d{4}-\d{2}-\d{2}\.json"/,
    );
    const data = await res.json();
    expect(data.profile).toMatchObject({
      id: ann.id,
      email: "ann@example.com",
      name: "Ann Example",
      role: "user",
      hasPassword: true,
    });
    expect(data.billing.customers).toEqual([expect.objectContaining({ stripeCustomerId: "cus_ann" })]);
    expect(data.billing.subscriptions.map((s: { id: string }) => s.id).sort()).toEqual(["sub_live", "sub_old"]);
    expect(data.billing.payments).toEqual([
      expect.objectContaining({ amount: 19900, billingEmail: "ann@example.com" }),
    ]);
    expect(data.billing.invoices).toEqual([expect.objectContaining({ id: "in_1", customerName: "Ann Example" })]);
    expect(data.audits).toEqual([
      expect.objectContaining({
        id: auditId,
        siteUrl: "https://ann.example",
        report: expect.objectContaining({ status: "ready" }),
      }),
    ]);
    expect(data.apiTokens).toEqual([
      expect.objectContaining({ name: "Created at sign-up", prefix: ann.token.slice(0, 12) }),
    ]);
    expect(data.auditLog.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["auth.registered", "token.created"]),
    );
    expect(data.emails).toEqual([expect.objectContaining({ template: "welcome", to: "ann@example.com" })]);

    const text = JSON.stringify(data);
    expect(text).not.toContain("bo@example.com");
    expect(text).not.toMatch(/argon2|passwordHash|tokenHash/);
    expect(text).not.toContain(ann.token);
    expect(await auditActions()).toContain("account.exported");
  });

  it("includes audit log entries about the user's email and belongings, without the acting admin's identity", async () => {
    const ann = await registerUser("ann@example.com");
    const bo = await registerUser("bo@example.com");
    await seedCustomerData(ann.id);
    const [payment] = await db().select().from(schema.payments).where(eq(schema.payments.userId, ann.id));
    await recordAuditLog({
      actor: { id: bo.id, email: "bo@example.com" },
      action: "admin.payment.refunded",
      target: { type: "payment", id: payment!.id },
      ip: "10.9.9.9",
      userAgent: "AdminBrowser/1",
      details: { amount: 500 },
    });
    await recordAuditLog({
      actor: null,
      action: "auth.sign_in_blocked",
      ip: "10.1.1.1",
      details: { email: "ann@example.com" },
    });
    await recordAuditLog({ actor: null, action: "auth.sign_in_blocked", details: { email: "cy@example.com" } });

    const data = await (await exportGet(request("/api/account/export", { headers: { cookie: ann.cookie } }))).json();
    type Entry = { action: string; actorId: string | null; actorEmail: string | null; ip: string | null };
    const byAction = (a: string) => data.auditLog.filter((e: Entry) => e.action === a);
    expect(byAction("admin.payment.refunded")).toEqual([
      expect.objectContaining({ actorId: null, actorEmail: null, ip: null, userAgent: null, details: { amount: 500 } }),
    ]);
    expect(byAction("auth.sign_in_blocked")).toEqual([
      expect.objectContaining({ ip: "10.1.1.1", details: { email: "ann@example.com" } }),
    ]);
    const text = JSON.stringify(data);
    expect(text).not.toContain("bo@example.com");
    expect(text).not.toContain("10.9.9.9");
    expect(text).not.toContain("cy@example.com");
  });

  it("needs a signed-in user", async () => {
    expect((await exportGet(request("/api/account/export"))).status).toBe(401);
  });
});

describe("DELETE /api/account", () => {
  const cancelled: string[] = [];
  beforeEach(async () => {
    await resetAll();
    cancelled.length = 0;
    setSubscriptionCanceller(async (id) => {
      cancelled.push(id);
    });
  });
  afterEach(() => setSubscriptionCanceller(undefined));

  const del = (headers: Record<string, string>, body: unknown) =>
    accountDelete(request("/api/account", { method: "DELETE", body, headers }));

  it("refuses without the right password and changes nothing", async () => {
    const ann = await registerUser();
    const res = await del({ cookie: ann.cookie }, { password: "Not-My-Password-1" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.field).toBe("password");
    const missing = await del({ cookie: ann.cookie }, {});
    expect((await missing.json()).error.field).toBe("password");
    expect((await accountGet(request("/api/account", { headers: { cookie: ann.cookie } }))).status).toBe(200);
    expect(cancelled).toEqual([]);
  });

  it("cancels the live subscription, erases the person, keeps payments anonymised", async () => {
    const ann = await registerUser("ann@example.com");
    const bo = await registerUser("bo@example.com");
    const auditId = await seedCustomerData(ann.id);
    const res = await del({ cookie: ann.cookie }, { password: GOOD_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="))).toMatch(/Max-Age=0/);
    expect(cancelled).toEqual(["sub_live"]); // the already-cancelled one is left alone

    // The user cannot sign in or use old credentials.
    expect((await tokenFor("ann@example.com", GOOD_PASSWORD)).status).toBe(401);
    expect((await accountGet(request("/api/account", { headers: { cookie: ann.cookie } }))).status).toBe(401);
    expect((await accountGet(request("/api/account", { headers: bearer(ann.token) }))).status).toBe(401);

    const [user] = await db().select().from(schema.users).where(eq(schema.users.id, ann.id));
    expect(user).toMatchObject({
      name: null,
      passwordHash: null,
      companyName: null,
      email: `deleted-${ann.id}@deleted.invalid`,
    });
    expect(user!.deletedAt).toBeInstanceOf(Date);

    const payments = await db().select().from(schema.payments);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      amount: 19900,
      currency: "eur",
      stripeChargeId: "ch_1",
      userId: null,
      billingEmail: null,
      billingName: null,
    });
    const [invoice] = await db().select().from(schema.invoices);
    expect(invoice).toMatchObject({ id: "in_1", total: 19900, userId: null, customerEmail: null, customerName: null });
    expect(await db().select().from(schema.audits)).toEqual([]);
    expect(await db().select().from(schema.auditPages)).toEqual([]);
    expect(await db().select().from(schema.reports)).toEqual([]);
    expect(
      await db()
        .select()
        .from(schema.storedFiles)
        .where(eq(schema.storedFiles.key, `reports/${auditId}.pdf`)),
    ).toEqual([]);
    expect(await db().select().from(schema.apiTokens).where(eq(schema.apiTokens.userId, ann.id))).toEqual([]);
    expect(await db().select().from(schema.customers)).toEqual([]);
    const outbox = await db().select().from(schema.emailOutbox);
    expect(outbox.map((m) => m.to)).toEqual(["bo@example.com"]);
    expect(await auditActions()).toContain("account.deleted");

    // Other users are untouched; the address is free for a new account.
    expect((await accountGet(request("/api/account", { headers: bearer(bo.token) }))).status).toBe(200);
    const again = await registerRoute(
      request("/api/auth/register", { body: { email: "ann@example.com", password: GOOD_PASSWORD, name: "Ann Again" } }),
    );
    expect(again.status).toBe(201);
  });

  it("removes the report PDFs through the storage backend (an S3 bucket keeps them otherwise)", async () => {
    const ann = await registerUser("ann@example.com");
    const auditId = await seedCustomerData(ann.id);
    const removed = vi.spyOn(dbStorage, "delete");
    try {
      expect((await del({ cookie: ann.cookie }, { password: GOOD_PASSWORD })).status).toBe(200);
      expect(removed.mock.calls).toEqual([[`reports/${auditId}.pdf`]]);
    } finally {
      removed.mockRestore();
    }
  });

  it("deletes nothing when Stripe refuses the cancellation", async () => {
    const ann = await registerUser();
    await seedCustomerData(ann.id);
    setSubscriptionCanceller(async () => {
      throw new Error("stripe down");
    });
    const res = await del(bearer(ann.token), { password: GOOD_PASSWORD });
    expect(res.status).toBe(503);
    expect((await db().select().from(schema.audits)).length).toBe(1);
    expect((await tokenFor(ann.email, GOOD_PASSWORD)).status).toBe(200);
  });

  it("a user without a subscription is deleted without calling Stripe", async () => {
    const ann = await registerUser();
    expect((await del(bearer(ann.token), { password: GOOD_PASSWORD })).status).toBe(200);
    expect(cancelled).toEqual([]);
    expect((await tokenFor(ann.email, GOOD_PASSWORD)).status).toBe(401);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, schema } from "@/db";
import { POST as checkoutPost } from "@/app/api/checkout/route";
import { POST as refundPost } from "@/app/api/admin/refunds/route";
import { GET as invoiceGet } from "@/app/api/invoices/[id]/route";
import { GET as portalGet, POST as portalPost } from "@/app/api/billing/portal/route";
import { params, request } from "../http";
import { makeAdmin, registerUser } from "./accounts.helpers";
import { INPUT, resetBilling, startBillingBed, type Bed } from "./billing.helpers";
import { stripeCustomerIdFor } from "@/lib/billing/customers";

let bed: Bed;

/** The body exactly as sent (JSON escapes such as \u0000 reach the parser unchanged). */
const raw = (path: string, body: string, cookie: string) =>
  request(path, { method: "POST", rawBody: body, headers: { cookie, "content-type": "application/json" } });

async function expectError(res: Response, status: number, field?: string) {
  const body = (await res.json()) as { error: { code: string; field?: string } };
  expect(res.status, JSON.stringify(body)).toBe(status);
  if (field) expect(body.error.field).toBe(field);
}

describe("billing routes: malformed requests are a clear 4xx, never a 500", () => {
  beforeAll(async () => {
    bed = await startBillingBed();
  });
  afterAll(() => bed.close());
  beforeEach(() => resetBilling(bed));

  it("POST /api/checkout: broken JSON, wrong shapes, NUL and lone surrogates", async () => {
    const user = await registerUser("probe@example.com");
    const cases: [string, number, string?][] = [
      ["", 400],
      ["{", 400],
      ["null", 400, "body"],
      ["[]", 400, "body"],
      [JSON.stringify({ ...INPUT, keywords: "widgets" }), 400, "keywords"],
      [JSON.stringify({ ...INPUT, keywords: ["a\u0000b"] }), 400, "keywords.0"],
      [JSON.stringify({ ...INPUT, keywords: ["\ud800"] }), 400, "keywords.0"],
      [JSON.stringify({ ...INPUT, companyName: "Acme\u0000" }), 400, "companyName"],
      [JSON.stringify({ ...INPUT, siteUrl: "https://exa\u0000mple.com/" }), 400, "siteUrl"],
      [JSON.stringify({ ...INPUT, plan: "__proto__" }), 400, "plan"],
    ];
    for (const [body, status, field] of cases)
      await expectError(await checkoutPost(raw("/api/checkout", body, user.cookie)), status, field);
    expect(await db().select().from(schema.checkoutSessions)).toHaveLength(0);
    // Emoji (a valid surrogate pair) and accents are fine.
    const ok = await checkoutPost(
      raw("/api/checkout", JSON.stringify({ ...INPUT, keywords: ["café 🚀"], companyName: "Zoë & Co" }), user.cookie),
    );
    expect(ok.status).toBe(200);
  });

  it("POST /api/admin/refunds: unusable ids are 404, bad reasons 400", async () => {
    const admin = await registerUser("probe-admin@example.com");
    await makeAdmin(admin.id);
    const cases: [unknown, number, string][] = [
      [{ paymentId: "a\u0000b", reason: "x" }, 404, "paymentId"],
      [{ paymentId: "../../x", reason: "x" }, 404, "paymentId"],
      [{ paymentId: 5, reason: "x" }, 400, "paymentId"],
      [{ paymentId: "p", reason: "x\u0000" }, 400, "reason"],
      [{ paymentId: "p", reason: "\udc00" }, 400, "reason"],
      [{ paymentId: "p", reason: "x", amount: 1e30 }, 400, "amount"],
    ];
    for (const [body, status, field] of cases)
      await expectError(await refundPost(raw("/api/admin/refunds", JSON.stringify(body), admin.cookie)), status, field);
    await expectError(await refundPost(raw("/api/admin/refunds", "{", admin.cookie)), 400);
  });

  it("GET /api/invoices/[id]: ids no invoice can have are 404", async () => {
    const user = await registerUser("probe@example.com");
    for (const id of ["a\u0000b", "x".repeat(5000), "../etc/passwd", "in_missing", "%"]) {
      const res = await invoiceGet(request("/api/invoices/x", { headers: { cookie: user.cookie } }), params({ id }));
      await expectError(res, 404);
    }
  });

  it("/api/billing/portal: a body is ignored; no billing account is 404 with the way to the plans", async () => {
    const user = await registerUser("probe@example.com");
    for (const body of ["{", "null", "\u0000"])
      await expectError(await portalPost(raw("/api/billing/portal", body, user.cookie)), 404);
    await expectError(await portalGet(request("/api/billing/portal", { headers: { cookie: user.cookie } })), 404);
  });

  it("a customer deleted in Stripe (its webhook not processed yet): portal 404, checkout starts with a new customer", async () => {
    const user = await registerUser("gone@example.com");
    const first = await checkoutPost(raw("/api/checkout", JSON.stringify(INPUT), user.cookie));
    expect(first.status).toBe(200);
    const old = (await stripeCustomerIdFor(user.id))!;
    await bed.stripe.customers.del(old);

    await expectError(await portalPost(raw("/api/billing/portal", "", user.cookie)), 404);
    expect(await stripeCustomerIdFor(user.id)).toBeNull();
    const again = await checkoutPost(raw("/api/checkout", JSON.stringify(INPUT), user.cookie));
    expect(again.status).toBe(200);
    const replacement = (await stripeCustomerIdFor(user.id))!;
    expect(replacement).not.toBe(old);
    const { sessionId } = (await again.json()) as { sessionId: string };
    expect((await bed.stripe.checkout.sessions.retrieve(sessionId)).customer).toBe(replacement);

    // Deleted again, the checkout itself finds out and replaces it.
    await bed.stripe.customers.del(replacement);
    const third = await checkoutPost(
      raw("/api/checkout", JSON.stringify({ ...INPUT, plan: "basic", competitors: [] }), user.cookie),
    );
    expect(third.status).toBe(200);
    expect(await stripeCustomerIdFor(user.id)).not.toBe(replacement);
  });
});

import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { GET as portalGet, POST as portalPost } from "@/app/api/billing/portal/route";
import { GET as invoiceGet } from "@/app/api/invoices/[id]/route";
import { checkoutOutcome } from "@/lib/billing/checkout-outcome";
import { latestAbandonedCheckout } from "@/lib/billing/checkout-choices";
import { loadInvoicePdfData } from "@/lib/billing/invoices";
import { createCheckout } from "@/lib/billing/create-checkout";
import { billingOverview } from "@/lib/billing/billing-overview";
import { params, request } from "../http";
import { makeAdmin, registerUser } from "./accounts.helpers";
import { checkoutAndPay, deliverAll, INPUT, resetBilling, startBillingBed, type Bed } from "./billing.helpers";

let bed: Bed;

const viewer = (u: { id: string }) => ({ id: u.id, role: "user" });

const portal = (cookie?: string, headers: Record<string, string> = {}) =>
  portalPost(
    request("/api/billing/portal", { method: "POST", headers: { ...(cookie ? { cookie } : {}), ...headers } }),
  );
const invoicePdf = (id: string, cookie?: string) =>
  invoiceGet(request(`/api/invoices/${id}`, { headers: cookie ? { cookie } : {} }), params({ id }));

function pdfText(buf: Buffer): string | null {
  try {
    return execFileSync("pdftotext", ["-layout", "-", "-"], { input: buf }).toString();
  } catch {
    return null; // poppler-utils not installed: the byte-level checks still run
  }
}

/** A registered user who has paid for Pro with 4242, webhooks delivered. */
async function paidCustomer(email = "owner@example.com") {
  const user = await registerUser(email);
  const { sessionId, paid } = await checkoutAndPay(user);
  expect(paid.status).toBe(303);
  await deliverAll(bed);
  const [invoice] = await db().select().from(schema.invoices).where(eq(schema.invoices.userId, user.id));
  return { user, sessionId, invoice: invoice! };
}

describe("billing surface: portal, invoices, success page", () => {
  beforeAll(async () => {
    bed = await startBillingBed();
  });
  afterAll(() => bed.close());
  beforeEach(() => resetBilling(bed));

  it("portal: 401 anonymous, 404 before any checkout, then a portal URL that returns to the dashboard", async () => {
    expect((await portal()).status).toBe(401);
    const newcomer = await registerUser("new@example.com");
    const none = await portal(newcomer.cookie);
    expect(none.status).toBe(404);
    expect((await none.json()).error).toMatchObject({ code: "not_found", action: { href: "/pricing" } });

    const { user } = await paidCustomer();
    const res = await portal(user.cookie);
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect(url.startsWith(bed.emu.url)).toBe(true);
    const page = await (await fetch(url)).text();
    expect(page).toContain("http://localhost:3000/dashboard/billing");

    // A plain HTML form post (no JavaScript) is redirected straight to the portal.
    const html = await portal(user.cookie, { accept: "text/html,application/xhtml+xml" });
    expect(html.status).toBe(303);
    expect(html.headers.get("location")?.startsWith(bed.emu.url)).toBe(true);
    // "Manage billing" links (GET) redirect too; anonymous visitors get nothing.
    const link = await portalGet(request("/api/billing/portal", { headers: { cookie: user.cookie } }));
    expect(link.status).toBe(303);
    expect(link.headers.get("location")?.startsWith(bed.emu.url)).toBe(true);
    expect((await portalGet(request("/api/billing/portal"))).status).toBe(401);
  });

  it("invoice PDF: owner and admin get it, anyone else a 404", async () => {
    const { user, invoice } = await paidCustomer();
    const other = await registerUser("other@example.com");
    const admin = await registerUser("admin@example.com");
    await makeAdmin(admin.id);

    expect((await invoicePdf(invoice.id)).status).toBe(401);
    expect((await invoicePdf(invoice.id, other.cookie)).status).toBe(404);
    expect((await invoicePdf("in_does_not_exist", user.cookie)).status).toBe(404);

    for (const viewer of [user, admin]) {
      const res = await invoicePdf(invoice.id, viewer.cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      const buf = Buffer.from(await res.arrayBuffer());
      expect(buf.subarray(0, 5).toString()).toBe("%PDF-");
    }

    const data = await loadInvoicePdfData(invoice.id, viewer(user));
    expect(data.status).toBe("paid");
    expect(data.total).toBe(2_500_00 + 500_00);
    expect(data.lines.map((l) => [l.kind, l.amount])).toEqual(
      expect.arrayContaining([
        ["subscription", 2_500_00],
        ["setup", 500_00],
      ]),
    );
    expect(data.seller.name).toBe("SEO Health Report Ltd.");
    expect(data.hostedInvoiceUrl).toMatch(/^http/);

    const text = pdfText(Buffer.from(await (await invoicePdf(invoice.id, user.cookie)).arrayBuffer()));
    if (text !== null) {
      expect(text).toContain("PAID");
      expect(text).toContain("$3,000");
      expect(text).toContain("$500");
      expect(text).toContain("SEO Health Report Ltd.");
      expect(text).toContain(user.email);
    }
  });

  it("success page outcome: fulfils once and shows the owner's queued audit; strangers see nothing", async () => {
    const user = await registerUser("buyer@example.com");
    const stranger = await registerUser("stranger@example.com");
    const { sessionId } = await checkoutAndPay(user); // no webhook delivered: the success page gets there first
    const first = await checkoutOutcome(sessionId, viewer(user));
    expect(first.status).toBe("fulfilled");
    expect(first.audit).toMatchObject({ status: "pending", plan: "pro", siteUrl: INPUT.siteUrl });
    const again = await checkoutOutcome(sessionId, viewer(user));
    expect(again).toMatchObject({ status: "already_fulfilled", audit: { id: first.audit!.id } });
    expect(await checkoutOutcome(sessionId, viewer(stranger))).toEqual({ status: "unknown", audit: null });
    expect((await db().select().from(schema.audits)).length).toBe(1);

    const overview = await billingOverview(user.id);
    expect(overview.hasBillingAccount).toBe(true);
    expect(overview.subscription?.status).toBe("active");
    expect(overview.entitlement).toMatchObject({ allowed: true, creditsLeft: 9 });
  });

  it("an unpaid checkout is pending; an unknown session is unknown; cancel keeps the choices", async () => {
    const user = await registerUser("undecided@example.com");
    const { sessionId } = await createCheckout(user, { ...INPUT, plan: "enterprise", companyName: "Acme Ltd" });
    expect(await checkoutOutcome(sessionId, viewer(user))).toEqual({ status: "pending_payment", audit: null });
    expect(await checkoutOutcome("cs_test_nope", viewer(user))).toEqual({ status: "unknown", audit: null });
    expect(await latestAbandonedCheckout(user.id, "enterprise")).toEqual({
      plan: "enterprise",
      interval: "month",
      siteUrl: INPUT.siteUrl,
      keywords: INPUT.keywords,
      competitors: INPUT.competitors,
      companyName: "Acme Ltd",
    });
    expect(await latestAbandonedCheckout(user.id, "basic")).toBeNull();
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { payCheckout, startTestBed } from "../testing";

let bed: Awaited<ReturnType<typeof startTestBed>>;
const EVIL = `<script>alert("x")</script>`;

beforeAll(async () => {
  bed = await startTestBed();
});
afterAll(() => bed.close());
beforeEach(async () => {
  await bed.emu.idle();
  bed.emu.reset();
});

async function evilSubscription() {
  const stripe = bed.stripe;
  const product = await stripe.products.create({ name: `Plan ${EVIL}` });
  const price = await stripe.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: 1000,
    recurring: { interval: "month" },
  });
  const customer = await stripe.customers.create({ email: `a+"x"@example.com`, name: EVIL });
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customer.id,
    line_items: [{ price: price.id, quantity: 1 }],
    cancel_url: `http://app.test/"><script>`,
  });
  return { customer, session };
}

describe("hosted pages escape user-provided text", () => {
  it("checkout, portal, invoice and dashboard never echo raw HTML", async () => {
    const { customer, session } = await evilSubscription();
    const checkout = await (await fetch(session.url as string)).text();
    expect(checkout).toContain("Plan &lt;script&gt;");
    expect(checkout).not.toContain(EVIL);
    expect(checkout).not.toContain(`"><script>`);
    const declined = await payCheckout(session.url as string, "4000000000000002");
    expect(declined.html).not.toContain(EVIL);
    await payCheckout(session.url as string, "4242424242424242");
    const portal = await bed.stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: `http://app.test/?q=<b>`,
    });
    const portalHtml = await (await fetch(portal.url)).text();
    expect(portalHtml).not.toContain(EVIL);
    expect(portalHtml).not.toContain("<b>");
    const flash = await (await fetch(`${portal.url}?msg=${encodeURIComponent(EVIL)}`)).text();
    expect(flash).not.toContain(EVIL);
    const invoice = (await bed.stripe.invoices.list({ customer: customer.id })).data[0];
    const invoiceHtml = await (await fetch(invoice?.hosted_invoice_url as string)).text();
    expect(invoiceHtml).toContain("Plan &lt;script&gt;");
    expect(invoiceHtml).not.toContain(EVIL);
    const dashboard = await (await fetch(`${bed.emu.url}/`)).text();
    expect(dashboard).toContain("checkout.session.completed");
    expect(dashboard).toContain(bed.emu.apiVersion);
    expect(dashboard).not.toContain(EVIL);
  });

  it("unknown sessions and pages are 404s", async () => {
    expect((await fetch(`${bed.emu.url}/checkout/cs_test_nope`)).status).toBe(404);
    expect((await fetch(`${bed.emu.url}/portal/bps_nope`)).status).toBe(404);
    expect((await fetch(`${bed.emu.url}/invoice/in_nope`)).status).toBe(404);
    expect((await fetch(`${bed.emu.url}/nowhere`)).status).toBe(404);
  });
});

describe("dashboard controls", () => {
  it("advance, config and reset answer dashboard forms with a redirect back", async () => {
    const before = bed.emu.now();
    const res = await fetch(`${bed.emu.url}/_emulator/advance`, {
      method: "POST",
      headers: { accept: "text/html" },
      body: new URLSearchParams({ days: "2" }),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(bed.emu.now() - before).toBeGreaterThanOrEqual(2 * 86400);
    const back = await fetch(`${bed.emu.url}/_emulator/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ to: before }),
    });
    expect(back.status).toBe(400);
  });
});

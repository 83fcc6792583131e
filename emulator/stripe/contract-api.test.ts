import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { payCheckout, sdkFor, seedCatalog, startTestBed } from "./testing";
import { expectStripeError } from "./expect-stripe-error";

let bed: Awaited<ReturnType<typeof startTestBed>>;
let stripe: Stripe;

beforeAll(async () => {
  bed = await startTestBed();
  stripe = bed.stripe;
});
afterAll(() => bed.close());
beforeEach(async () => {
  await bed.reset();
});

describe("authentication and errors", () => {
  it("rejects a missing or non-test key with 401 authentication_error", async () => {
    await expectStripeError(sdkFor(bed.emu, "sk_live_nope").customers.list(), {
      status: 401,
      type: "authentication_error",
    });
    const res = await fetch(`${bed.emu.url}/v1/customers`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("authentication_error");
  });

  it("answers 404 resource_missing for unknown ids, naming the param", async () => {
    await expectStripeError(stripe.customers.retrieve("cus_missing"), {
      status: 404,
      type: "invalid_request_error",
      code: "resource_missing",
      param: "id",
    });
    await expectStripeError(
      stripe.checkout.sessions.create({ mode: "subscription", line_items: [{ price: "price_nope", quantity: 1 }] }),
      {
        status: 404,
        type: "invalid_request_error",
        code: "resource_missing",
        param: "line_items[0][price]",
      },
    );
  });

  it("answers 400 for invalid params with the param name", async () => {
    const { monthly } = await seedCatalog(stripe);
    await expectStripeError(
      stripe.checkout.sessions.create({ mode: "payment", line_items: [{ price: monthly.id, quantity: 1 }] }),
      {
        status: 400,
        type: "invalid_request_error",
        param: "line_items[0][price]",
      },
    );
    await expectStripeError(stripe.prices.create({ currency: "usd", unit_amount: 100 } as Stripe.PriceCreateParams), {
      status: 400,
      type: "invalid_request_error",
      param: "product",
    });
    await expectStripeError(stripe.customers.list({ limit: 1000 }), {
      status: 400,
      type: "invalid_request_error",
      param: "limit",
    });
    const raw = await fetch(`${bed.emu.url}/v1/prices`, {
      method: "POST",
      headers: { authorization: "Bearer sk_test_emulator", "content-type": "application/x-www-form-urlencoded" },
      body: "currency=usd&unit_amount=abc&product=prod_x",
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { error: { param: string; code: string } }).error).toMatchObject({
      param: "unit_amount",
      code: "parameter_invalid_integer",
    });
  });

  it("answers unknown routes with 404 invalid_request_error", async () => {
    const res = await fetch(`${bed.emu.url}/v1/nothing_here`, {
      headers: { authorization: "Bearer sk_test_emulator" },
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
  });
});

describe("idempotency", () => {
  it("replays the same response for the same key and params, and rejects other params with idempotency_error", async () => {
    const a = await stripe.customers.create({ email: "same@example.com" }, { idempotencyKey: "key-1" });
    const b = await stripe.customers.create({ email: "same@example.com" }, { idempotencyKey: "key-1" });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await stripe.customers.list()).data).toHaveLength(1);
    await expectStripeError(stripe.customers.create({ email: "other@example.com" }, { idempotencyKey: "key-1" }), {
      status: 400,
      type: "idempotency_error",
    });
  });

  it("refunds once for a repeated idempotent refund", async () => {
    const { setupFee } = await seedCatalog(stripe);
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price: setupFee.id, quantity: 1 }],
      success_url: "http://app.test/ok",
    });
    await payCheckout(session.url as string, "4242424242424242");
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    const r1 = await stripe.refunds.create(
      { payment_intent: paid.payment_intent as string, amount: 1000 },
      { idempotencyKey: "refund-1" },
    );
    const r2 = await stripe.refunds.create(
      { payment_intent: paid.payment_intent as string, amount: 1000 },
      { idempotencyKey: "refund-1" },
    );
    expect(r2.id).toBe(r1.id);
    const charge = await stripe.charges.retrieve(
      (await stripe.paymentIntents.retrieve(paid.payment_intent as string)).latest_charge as string,
    );
    expect(charge.amount_refunded).toBe(1000);
    expect(charge.refunded).toBe(false);
  });
});

describe("products, prices, customers", () => {
  it("creates, retrieves, updates and lists with filters and pagination", async () => {
    const { product, monthly, yearly, setupFee } = await seedCatalog(stripe);
    expect(product.id).toMatch(/^prod_/);
    expect(monthly.id).toMatch(/^price_/);
    expect((await stripe.prices.retrieve(monthly.id)).recurring?.interval).toBe("month");
    const byKey = await stripe.prices.list({ lookup_keys: ["pro_yearly", "pro_monthly"] });
    expect(byKey.data.map((p) => p.id).sort()).toEqual([monthly.id, yearly.id].sort());
    expect((await stripe.prices.list({ product: product.id })).data).toHaveLength(2);
    await stripe.prices.update(yearly.id, { active: false });
    expect((await stripe.prices.list({ active: true })).data.map((p) => p.id).sort()).toEqual(
      [monthly.id, setupFee.id].sort(),
    );
    const custom = await stripe.products.create({ id: "seo_pro", name: "Custom id" });
    expect(custom.id).toBe("seo_pro");
    await expectStripeError(stripe.products.create({ id: "seo_pro", name: "again" }), {
      status: 400,
      type: "invalid_request_error",
      code: "resource_already_exists",
    });
    await stripe.products.update(custom.id, { active: false });
    const updated = await stripe.products.update(product.id, { name: "Pro", metadata: { tier: "pro" } });
    expect(updated).toMatchObject({ name: "Pro", metadata: { tier: "pro" } });
    expect((await stripe.products.list({ active: true })).data).toHaveLength(2);

    for (let i = 0; i < 5; i += 1)
      await stripe.customers.create({ email: `c${i}@example.com`, metadata: { i: String(i) } });
    const page1 = await stripe.customers.list({ limit: 2 });
    expect(page1.has_more).toBe(true);
    expect(page1.data.map((c) => c.email)).toEqual(["c4@example.com", "c3@example.com"]);
    const page2 = await stripe.customers.list({ limit: 2, starting_after: page1.data[1]?.id });
    expect(page2.data.map((c) => c.email)).toEqual(["c2@example.com", "c1@example.com"]);
    const all: string[] = [];
    for await (const c of stripe.customers.list({ limit: 2 })) all.push(c.email as string);
    expect(all).toHaveLength(5);
    expect((await stripe.customers.list({ email: "c2@example.com" })).data).toHaveLength(1);
    const c = (await stripe.customers.list({ email: "c2@example.com" })).data[0] as Stripe.Customer;
    const cu = await stripe.customers.update(c.id, { name: "Ann", metadata: { i: "" } });
    expect(cu.name).toBe("Ann");
    expect(cu.metadata).toEqual({});
    const del = await stripe.customers.del(c.id);
    expect(del.deleted).toBe(true);
    await expectStripeError(stripe.customers.retrieve(c.id), {
      status: 404,
      type: "invalid_request_error",
      code: "resource_missing",
    });
  });
});

describe("search, list expansion and customer deletion", () => {
  it("finds customers by email and metadata, expands data.* on lists, and cancels subscriptions of a deleted customer", async () => {
    const { monthly } = await seedCatalog(stripe);
    await stripe.customers.create({ email: "x@example.com", metadata: { userId: "7" } });
    await stripe.customers.create({ email: "y@example.com", metadata: { userId: "8" } });
    const found = await stripe.customers.search({ query: "metadata['userId']:'8'" });
    expect(found.data.map((c) => c.email)).toEqual(["y@example.com"]);
    expect((await stripe.customers.search({ query: "email:'x@example.com'" })).data).toHaveLength(1);
    await expectStripeError(stripe.customers.search({ query: "totally unsupported" }), {
      status: 400,
      type: "invalid_request_error",
      param: "query",
    });

    const prices = await stripe.prices.list({ expand: ["data.product"] });
    expect((prices.data[0]?.product as Stripe.Product).object).toBe("product");
    await expectStripeError(stripe.prices.retrieve(monthly.id, { expand: ["nonsense"] }), {
      status: 400,
      type: "invalid_request_error",
      param: "expand",
    });

    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: monthly.id, quantity: 1 }],
    });
    await payCheckout(session.url as string, "4242424242424242");
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ["customer"] });
    expect((done.customer as Stripe.Customer).email).toBe("buyer@example.com");
    await stripe.customers.del((done.customer as Stripe.Customer).id);
    expect((await stripe.subscriptions.retrieve(done.subscription as string)).status).toBe("canceled");
  });
});

describe("card errors (402)", () => {
  it("payment intents confirmed with declining test cards fail with card_error and keep the intent", async () => {
    const customer = await stripe.customers.create({ email: "pi@example.com" });
    const ok = await stripe.paymentIntents.create({
      amount: 1200,
      currency: "usd",
      customer: customer.id,
      payment_method: "pm_card_visa",
      confirm: true,
      off_session: true,
    });
    expect(ok).toMatchObject({ status: "succeeded", amount_received: 1200 });
    expect(ok.id).toMatch(/^pi_/);
    await expectStripeError(
      stripe.paymentIntents.create({
        amount: 1200,
        currency: "usd",
        payment_method: "pm_card_chargeDeclined",
        confirm: true,
      }),
      {
        status: 402,
        type: "card_error",
        code: "card_declined",
        decline_code: "generic_decline",
      },
    );
    const err = (await stripe.paymentIntents
      .create({
        amount: 1200,
        currency: "usd",
        payment_method: "pm_card_chargeDeclinedInsufficientFunds",
        confirm: true,
      })
      .catch((e: unknown) => e)) as Stripe.errors.StripeCardError;
    expect(err).toBeInstanceOf(Error);
    expect(err.type).toBe("StripeCardError");
    expect(err.decline_code).toBe("insufficient_funds");
    expect(err.payment_intent?.status).toBe("requires_payment_method");
    const failedPi = await stripe.paymentIntents.retrieve(err.payment_intent?.id as string);
    expect(failedPi.last_payment_error?.code).toBe("card_declined");
    const retried = await stripe.paymentIntents.confirm(failedPi.id, { payment_method: "pm_card_visa" });
    expect(retried.status).toBe("succeeded");
    const action = await stripe.paymentIntents.create({
      amount: 900,
      currency: "usd",
      payment_method: "pm_card_authenticationRequired",
      confirm: true,
    });
    expect(action.status).toBe("requires_action");
    expect((await stripe.paymentIntents.cancel(action.id)).status).toBe("canceled");
    await expectStripeError(stripe.paymentIntents.create({ amount: 10, currency: "usd" }), {
      status: 400,
      type: "invalid_request_error",
      param: "amount",
    });
  });

  it("paying an open invoice with a failing card is a 402 and leaves it open", async () => {
    const { monthly } = await seedCatalog(stripe);
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: monthly.id, quantity: 1 }],
    });
    await payCheckout(session.url as string, "4242424242424242");
    const done = await stripe.checkout.sessions.retrieve(session.id);
    const portal = await stripe.billingPortal.sessions.create({ customer: done.customer as string });
    await fetch(portal.url, {
      method: "POST",
      body: new URLSearchParams({ action: "card", card: "4000000000000341" }),
      redirect: "manual",
    });
    bed.emu.advance(32 * 86400);
    const sub = await stripe.subscriptions.retrieve(done.subscription as string);
    expect(sub.status).toBe("past_due");
    await expectStripeError(stripe.invoices.pay(sub.latest_invoice as string), {
      status: 402,
      type: "card_error",
      code: "card_declined",
    });
    expect((await stripe.invoices.retrieve(sub.latest_invoice as string)).status).toBe("open");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { payCheckout, seedCatalog, startTestBed } from "./testing";
import { expectStripeError } from "./expect-stripe-error";

// The app re-reads a dispute with disputes.retrieve when a charge.dispute.* event arrives.
let bed: Awaited<ReturnType<typeof startTestBed>>;
let stripe: Stripe;

beforeAll(async () => {
  bed = await startTestBed();
  stripe = bed.stripe;
});
afterAll(() => bed.close());

async function disputedCharge(): Promise<Stripe.Charge> {
  const { setupFee } = await seedCatalog(stripe);
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [{ price: setupFee.id, quantity: 1 }],
    success_url: "http://app.test/ok",
  });
  expect((await payCheckout(session.url!, "4000000000000259")).status).toBe(303);
  const done = await stripe.checkout.sessions.retrieve(session.id);
  const pi = await stripe.paymentIntents.retrieve(done.payment_intent as string);
  return stripe.charges.retrieve(pi.latest_charge as string);
}

describe("disputes", () => {
  it("card 0259 opens one: retrieve, list by charge, win with test evidence, then it is closed", async () => {
    const charge = await disputedCharge();
    expect(charge.disputed).toBe(true);
    const [listed] = (await stripe.disputes.list({ charge: charge.id })).data;
    expect(listed).toMatchObject({
      object: "dispute",
      charge: charge.id,
      status: "needs_response",
      reason: "fraudulent",
    });
    const dispute = await stripe.disputes.retrieve(listed!.id);
    expect(dispute.id).toMatch(/^dp_/);
    expect(dispute.amount).toBe(charge.amount);

    const won = await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" } });
    expect(won.status).toBe("won");
    await bed.emu.idle();
    const types = bed.receiver.events.map((e) => e.type);
    expect(types.indexOf("charge.dispute.created")).toBeGreaterThan(types.indexOf("charge.succeeded"));
    expect(types).toContain("charge.dispute.closed");
    await expectStripeError(stripe.disputes.update(dispute.id, { metadata: { a: "b" } }), {
      status: 400,
      type: "invalid_request_error",
    });
  });

  it("an unknown dispute is a 404 resource_missing", async () => {
    await expectStripeError(stripe.disputes.retrieve("dp_missing"), {
      status: 404,
      type: "invalid_request_error",
      code: "resource_missing",
    });
  });
});

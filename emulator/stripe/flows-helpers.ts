import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import type Stripe from "stripe";
import { payCheckout, seedCatalog, startTestBed } from "./testing";

export const DAY = 86400;
export const CATALOG_EVENTS = ["product.created", "price.created", "price.created", "product.created", "price.created"];
export const PAID = ["invoice.paid", "invoice.payment_succeeded", "payment_intent.succeeded", "charge.succeeded"];
export const FAILED = ["invoice.payment_failed", "payment_intent.payment_failed", "charge.failed"];

export const types = (events: Stripe.Event[]) => events.map((e) => e.type);
export const periodEnd = (sub: Stripe.Subscription): number => sub.items.data[0]?.current_period_end as number;

type Bed = Awaited<ReturnType<typeof startTestBed>>;

/**
 * For event-sequence tests: one emulator per file with a receiver that verifies
 * every delivery with constructEvent; each test starts from an empty emulator.
 */
export function useFlowBed() {
  let bed: Bed;
  beforeAll(async () => {
    bed = await startTestBed();
  });
  afterAll(() => bed.close());
  beforeEach(async () => {
    await bed.reset();
  });

  const f = {
    get bed(): Bed {
      return bed;
    },
    get stripe(): Stripe {
      return bed.stripe;
    },
    /** Waits for every pending delivery, then takes the events received since the last call. */
    async received(): Promise<Stripe.Event[]> {
      await bed.emu.idle();
      expect(bed.receiver.rejected).toBe(0);
      return bed.receiver.events.splice(0);
    },
    /** A paid subscription checkout (monthly price plus setup fee) through the hosted page. */
    async subscribe(card = "4242424242424242", extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
      const stripe = bed.stripe;
      const catalog = await seedCatalog(stripe);
      const session = await stripe.checkout.sessions.create({
        mode: "subscription",
        line_items: [
          { price: catalog.monthly.id, quantity: 1 },
          { price: catalog.setupFee.id, quantity: 1 },
        ],
        customer_email: "flow@example.com",
        success_url: "http://app.test/ok?s={CHECKOUT_SESSION_ID}",
        ...extra,
      });
      const paid = await payCheckout(session.url as string, card);
      expect(paid.status).toBe(303);
      const done = await stripe.checkout.sessions.retrieve(session.id);
      const sub = await stripe.subscriptions.retrieve(done.subscription as string);
      return { ...catalog, session: done, sub };
    },
    /** Submits a customer-portal form (cancel, resume, switch, card) and expects no error. */
    async portalPost(customer: string, form: Record<string, string>): Promise<void> {
      const portal = await bed.stripe.billingPortal.sessions.create({
        customer,
        return_url: "http://app.test/account",
      });
      const res = await fetch(portal.url, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });
      expect(res.status).toBe(303);
      expect(decodeURIComponent(res.headers.get("location") ?? "")).not.toContain("error=");
    },
  };
  return f;
}

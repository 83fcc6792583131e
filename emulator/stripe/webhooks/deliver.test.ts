import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { startTestBed } from "../testing";
import { DEFAULT_CHAOS } from "../store";
import { signatureHeader } from "./sign";

let bed: Awaited<ReturnType<typeof startTestBed>>;

beforeAll(async () => {
  bed = await startTestBed();
});
afterAll(() => bed.close());
beforeEach(async () => {
  bed.emu.setConfig({ ...DEFAULT_CHAOS, retryBaseMs: 20 });
  await bed.reset();
});

async function createCustomers(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) ids.push((await bed.stripe.customers.create({ email: `c${i}@example.com` })).id);
  return ids;
}
const customerIds = () => bed.receiver.events.map((e) => (e.data.object as Stripe.Customer).id);

describe("signatures", () => {
  it("verifies with constructEvent and fails on tampering or a wrong secret", () => {
    const stripe = new Stripe("sk_test_x");
    const payload = JSON.stringify({ id: "evt_1", object: "event", type: "customer.created" });
    const header = signatureHeader(payload, "whsec_abc");
    expect(stripe.webhooks.constructEvent(payload, header, "whsec_abc").id).toBe("evt_1");
    expect(() => stripe.webhooks.constructEvent(payload.replace("evt_1", "evt_2"), header, "whsec_abc")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => stripe.webhooks.constructEvent(payload, header, "whsec_other")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });
});

describe("delivery", () => {
  it("retries non-2xx answers with backoff and records every attempt", async () => {
    bed.receiver.failNext(2, 503);
    const [id] = await createCustomers(1);
    await bed.emu.idle();
    expect(customerIds()).toEqual([id]);
    const d = bed.emu.deliveries().find((x) => x.eventType === "customer.created");
    expect(d?.status).toBe("succeeded");
    expect(d?.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    const gaps = [1, 2].map((i) => (d?.attempts[i]?.at ?? 0) - (d?.attempts[i - 1]?.at ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(20);
    expect(gaps[1]).toBeGreaterThanOrEqual(40);
  });

  it("gives up after maxAttempts and marks the delivery failed", async () => {
    bed.emu.setConfig({ maxAttempts: 2 });
    bed.receiver.failNext(5, 500);
    await createCustomers(1);
    await bed.emu.idle();
    const d = bed.emu.deliveries()[0];
    expect(d?.status).toBe("failed");
    expect(d?.attempts).toHaveLength(2);
    expect(bed.receiver.events).toHaveLength(0);
  });

  it("times out slow receivers", async () => {
    bed.emu.setConfig({ timeoutMs: 50, maxAttempts: 1 });
    const res = await fetch(`${bed.emu.url}/_emulator/config`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ timeoutMs: 50 }),
    });
    expect(res.status).toBe(200);
    const stripe = bed.stripe;
    // Accepts the request and never answers.
    const slow = http.createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const port = (slow.address() as AddressInfo).port;
    await stripe.webhookEndpoints.create({ url: `http://127.0.0.1:${port}/slow`, enabled_events: ["product.created"] });
    await stripe.products.create({ name: "slow" });
    await bed.emu.idle();
    const d = bed.emu.deliveries().find((x) => x.url.endsWith("/slow"));
    expect(d?.status).toBe("failed");
    expect(d?.attempts[0]?.error).toContain("timed out");
    slow.closeAllConnections();
    await new Promise((r) => slow.close(r));
  });

  it("replays an event on request", async () => {
    await createCustomers(1);
    await bed.emu.idle();
    const eventId = bed.receiver.events[0]?.id as string;
    const res = await fetch(`${bed.emu.url}/_emulator/events/${eventId}/replay`, { method: "POST" });
    expect(res.status).toBe(200);
    await bed.emu.idle();
    expect(bed.receiver.events.map((e) => e.id)).toEqual([eventId, eventId]);
  });
});

describe("chaos switches", () => {
  it("duplicate delivers each event N times", async () => {
    await fetch(`${bed.emu.url}/_emulator/config`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ duplicate: 3 }),
    });
    const ids = await createCustomers(2);
    await bed.emu.idle();
    expect(customerIds().sort()).toEqual([...ids, ...ids, ...ids].sort());
  });

  it("dropFirstAttempt fails every first attempt without sending it; the retry arrives", async () => {
    bed.emu.setConfig({ dropFirstAttempt: true });
    const ids = await createCustomers(3);
    await bed.emu.idle();
    expect(customerIds().sort()).toEqual([...ids].sort());
    for (const d of bed.emu.deliveries()) {
      expect(d.attempts).toHaveLength(2);
      expect(d.attempts[0]?.error).toContain("dropped");
    }
  });

  it("shuffle reorders within the window but loses nothing", async () => {
    bed.emu.setConfig({ shuffleWindow: 10, delayMs: 500 });
    const ids = await createCustomers(20);
    await bed.emu.idle();
    expect(customerIds()).toHaveLength(20);
    expect([...customerIds()].sort()).toEqual([...ids].sort());
    // 20 events shuffled in windows of 10 keep creation order with probability ~1/10!^2.
    expect(customerIds()).not.toEqual(ids);
  });

  it("delay holds each first attempt back", async () => {
    bed.emu.setConfig({ delayMs: 150 });
    const t0 = Date.now();
    await createCustomers(1);
    await bed.emu.idle();
    const d = bed.emu.deliveries()[0];
    expect((d?.attempts[0]?.at ?? 0) - t0).toBeGreaterThanOrEqual(150);
  });

  it("rejects unknown config keys so typos do not pass silently", async () => {
    const res = await fetch(`${bed.emu.url}/_emulator/config`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ duplicates: 2 }),
    });
    expect(res.status).toBe(400);
  });
});

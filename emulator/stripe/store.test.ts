import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startStripeEmulator } from "./index";
import { sdkFor } from "./testing";

describe("persistence", () => {
  it("keeps objects, the clock and idempotency keys across restarts when a data file is set", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stripe-emu-"));
    const dataFile = path.join(dir, "state.json");
    const a = await startStripeEmulator({ port: 0, dataFile, webhookUrl: null });
    const customer = await sdkFor(a).customers.create({ email: "keep@example.com" }, { idempotencyKey: "k1" });
    a.advance(86400 * 10);
    const clock = a.now();
    await a.close();
    expect(fs.existsSync(dataFile)).toBe(true);

    const b = await startStripeEmulator({ port: 0, dataFile, webhookUrl: null });
    try {
      const stripe = sdkFor(b);
      expect((await stripe.customers.retrieve(customer.id)) as { email: string }).toMatchObject({
        email: "keep@example.com",
      });
      expect(b.now()).toBeGreaterThanOrEqual(clock);
      expect((await stripe.customers.create({ email: "keep@example.com" }, { idempotencyKey: "k1" })).id).toBe(
        customer.id,
      );
      const reset = await fetch(`${b.url}/_emulator/reset`, { method: "POST" });
      expect(reset.status).toBe(200);
      expect((await stripe.customers.list()).data).toHaveLength(0);
    } finally {
      await b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("signedEvent gives a body and header that constructEvent accepts", async () => {
    const emu = await startStripeEmulator({ port: 0, dataFile: null, webhookUrl: null, webhookSecret: "whsec_t" });
    try {
      const stripe = sdkFor(emu);
      const customer = await stripe.customers.create({ email: "s@example.com" });
      const [event] = emu.events();
      expect(event?.type).toBe("customer.created");
      const { payload, signature } = emu.signedEvent(event?.id as string);
      const verified = stripe.webhooks.constructEvent(payload, signature, "whsec_t");
      expect((verified.data.object as { id: string }).id).toBe(customer.id);
      expect(() => stripe.webhooks.constructEvent(payload, signature, "whsec_other")).toThrow();
    } finally {
      await emu.close();
    }
  });
});

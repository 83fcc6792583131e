import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import {
  EMULATOR_SECRET_KEY,
  EMULATOR_WEBHOOK_SECRET,
  startStripeEmulator,
  type StripeEmulator,
  type StripeEmulatorOptions,
} from "./index";

/** A webhook receiver that accepts only events `constructEvent` verifies, in arrival order. */
export type Receiver = {
  url: string;
  /** The secret signatures are checked against; settable once an endpoint reveals its own. */
  secret: string;
  events: Stripe.Event[];
  rejected: number;
  /** Answer the next N requests with this status (to exercise retries). */
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
};

export async function startReceiver(secret = EMULATOR_WEBHOOK_SECRET): Promise<Receiver> {
  const verifier = new Stripe("sk_test_unused");
  const events: Stripe.Event[] = [];
  let failing = 0;
  let failStatus = 500;
  const r: Receiver = {
    url: "",
    secret,
    events,
    rejected: 0,
    failNext(n, status = 500) {
      failing = n;
      failStatus = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (failing > 0) {
        failing -= 1;
        res.writeHead(failStatus).end();
        return;
      }
      try {
        const event = verifier.webhooks.constructEvent(
          Buffer.concat(chunks),
          String(req.headers["stripe-signature"]),
          r.secret,
        );
        events.push(event);
        res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
      } catch {
        r.rejected += 1;
        res.writeHead(400).end("bad signature");
      }
    });
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  return r;
}

export function sdkFor(emu: { port: number }, key = EMULATOR_SECRET_KEY): Stripe {
  return new Stripe(key, { host: "127.0.0.1", port: emu.port, protocol: "http", maxNetworkRetries: 0 });
}

/** An in-memory emulator on a random port with a verifying receiver, for tests. */
export async function startTestBed(opts: StripeEmulatorOptions = {}): Promise<{
  emu: StripeEmulator;
  stripe: Stripe;
  receiver: Receiver;
  reset(): Promise<void>;
  close(): Promise<void>;
}> {
  const receiver = await startReceiver();
  const emu = await startStripeEmulator({
    port: 0,
    dataFile: null,
    webhookUrl: receiver.url,
    webhookSecret: EMULATOR_WEBHOOK_SECRET,
    ...opts,
    config: { retryBaseMs: 20, ...opts.config },
  });
  return {
    emu,
    stripe: sdkFor(emu),
    receiver,
    // Between tests: let in-flight deliveries land, then forget every object, event and received webhook.
    reset: async () => {
      await emu.idle();
      emu.reset();
      receiver.events.length = 0;
      receiver.rejected = 0;
    },
    close: async () => {
      await emu.close();
      await receiver.close();
    },
  };
}

/** Fills in and submits the hosted checkout form the way a browser without JavaScript would. */
export async function payCheckout(
  sessionUrl: string,
  card: string,
  email = "buyer@example.com",
): Promise<{ status: number; location: string | null; html: string }> {
  const res = await fetch(`${sessionUrl}/pay`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, card, exp: "12 / 34", cvc: "123", name: "Test Buyer" }).toString(),
    redirect: "manual",
  });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

/** Seeds a product with a monthly price, a yearly price and a one-time setup fee. */
export async function seedCatalog(stripe: Stripe) {
  const product = await stripe.products.create({ name: "Pro plan" });
  const monthly = await stripe.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: 2900,
    recurring: { interval: "month" },
    lookup_key: "pro_monthly",
  });
  const yearly = await stripe.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: 29000,
    recurring: { interval: "year" },
    lookup_key: "pro_yearly",
  });
  const setupFee = await stripe.prices.create({
    currency: "usd",
    unit_amount: 4900,
    product_data: { name: "Setup fee" },
  });
  return { product, monthly, yearly, setupFee };
}

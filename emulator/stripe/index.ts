import type { AddressInfo } from "node:net";
import path from "node:path";
import { API_VERSION, type Core } from "./core";
import { configFromEnv } from "./config";
import { Router } from "./router";
import { Store } from "./store";
import { Deliverer } from "./webhooks/deliver";
import { createHttpServer } from "./server";
import { registerAll, virtuals } from "./resources";
import { advanceClock } from "./billing/clock";
import { automatic } from "./core";
import type { ChaosConfig, Delivery, StoredObject } from "./types";
import type Stripe from "stripe";
import { signatureHeader } from "./webhooks/sign";
import { applyConfig } from "./config";

export const EMULATOR_SECRET_KEY = "sk_test_emulator";
export const EMULATOR_WEBHOOK_SECRET = "whsec_emulator_dev_secret";
export const DEFAULT_PORT = 12111;
export const DEFAULT_WEBHOOK_URL = "http://127.0.0.1:3000/api/webhooks/stripe";
export const DEFAULT_DATA_FILE = path.resolve(".data/stripe-emulator.json");
export { API_VERSION };
export type { ChaosConfig, Delivery };

export type StripeEmulatorOptions = {
  port?: number;
  host?: string;
  /** Where events go; null sends none (endpoints created via the API still get theirs). */
  webhookUrl?: string | null;
  webhookSecret?: string;
  /** JSON file to persist state to; null keeps it in memory (tests). */
  dataFile?: string | null;
  /** Base URL of the hosted pages as a browser reaches them. */
  publicUrl?: string;
  /** Accept any `sk_test_…` key (default) or only `sk_test_emulator`. */
  strictKey?: boolean;
  config?: Partial<ChaosConfig>;
};

export type StripeEmulator = {
  url: string;
  port: number;
  apiVersion: string;
  webhookSecret: string;
  close(): Promise<void>;
  /** Forget every object, event and delivery (chaos config is kept). */
  reset(): void;
  /** Move the emulated clock forward, running renewals, dunning and expiries on the way. */
  advance(seconds: number): number;
  now(): number;
  /** Resolves when no webhook delivery is pending. */
  idle(): Promise<void>;
  setConfig(patch: Partial<ChaosConfig>): ChaosConfig;
  deliveries(): Delivery[];
  /** Every event so far, oldest first. */
  events(): Stripe.Event[];
  /**
   * An event's JSON body and `Stripe-Signature` header exactly as a delivery would
   * carry them, for tests that call the webhook route handler in-process.
   */
  signedEvent(eventId: string, secret?: string): { payload: string; signature: string };
};

export async function startStripeEmulator(opts: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const host = opts.host ?? "127.0.0.1";
  const webhookUrl =
    opts.webhookUrl === undefined ? (process.env.STRIPE_WEBHOOK_URL ?? DEFAULT_WEBHOOK_URL) : opts.webhookUrl;
  const webhookSecret = opts.webhookSecret ?? process.env.STRIPE_WEBHOOK_SECRET ?? EMULATOR_WEBHOOK_SECRET;
  const store = new Store(
    opts.dataFile === undefined ? DEFAULT_DATA_FILE : opts.dataFile,
    applyConfig(configFromEnv(process.env), opts.config ?? {}),
  );
  if (opts.config) store.state.config = applyConfig(store.state.config, opts.config);
  let publicUrl = opts.publicUrl ?? "";
  const deliverer = new Deliverer(store, () => (webhookUrl ? { url: webhookUrl, secret: webhookSecret } : null));
  const core: Core = { store, publicUrl: () => publicUrl, sink: deliverer.enqueue };
  const router = new Router();
  registerAll(router);
  const acceptKey = (key: string) => (opts.strictKey ? key === EMULATOR_SECRET_KEY : key.startsWith("sk_test_"));
  const reset = () => {
    store.reset();
    deliverer.kick();
  };
  const server = createHttpServer(core, router, virtuals, { acceptKey }, { core, deliverer, reset });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // A wildcard bind address is not somewhere a browser can be sent.
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const url = `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
  if (!publicUrl) publicUrl = url;
  // Deliveries still pending from a previous run go out again.
  deliverer.kick();
  return {
    url,
    port,
    apiVersion: API_VERSION,
    webhookSecret,
    reset,
    now: () => store.now(),
    advance: (seconds) => advanceClock(automatic(core), store.now() + seconds),
    idle: () => deliverer.idle(),
    setConfig: (patch) => {
      store.state.config = applyConfig(store.state.config, patch);
      deliverer.kick();
      return store.state.config;
    },
    deliveries: () => store.state.deliveries,
    events: () => store.all<Stripe.Event & StoredObject>("event").reverse(),
    signedEvent: (eventId, secret = webhookSecret) => {
      const event = store.get(eventId, "event");
      if (!event) throw new Error(`No such event: ${eventId}`);
      const payload = JSON.stringify(event, null, 2);
      return { payload, signature: signatureHeader(payload, secret) };
    },
    close: async () => {
      deliverer.close();
      store.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Shapes of the emulator's own state (the Stripe objects themselves use the `stripe` package's types). */
export type StoredObject = { id: string; object: string; created?: number };

export type DeliveryAttempt = {
  at: number;
  status: number | null;
  error: string | null;
  durationMs: number;
};

export type Delivery = {
  id: string;
  eventId: string;
  eventType: string;
  url: string;
  secret: string;
  status: "pending" | "succeeded" | "failed";
  attempts: DeliveryAttempt[];
  /** Real time (ms) of the next attempt; deliveries run on the wall clock, not the emulated one. */
  nextAttemptAt: number;
  seq: number;
};

export type ChaosConfig = {
  /** Each event is delivered this many times (at-least-once with real duplicates). */
  duplicate: number;
  /** Pick the next delivery at random among the first N due (1 = in order). */
  shuffleWindow: number;
  /** Added to every first attempt. */
  delayMs: number;
  /** The first attempt of every delivery is recorded as failed without being sent. */
  dropFirstAttempt: boolean;
  /** Base of the exponential retry backoff. */
  retryBaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
};

export type InternalState = {
  /** Checkout line items (`item` objects) by session id: not part of the session object itself. */
  checkoutLineItems: Record<string, unknown[]>;
  /** The test card number behind each payment method, which decides how charges behave. */
  cardNumbers: Record<string, string>;
  /** Payment intents created for each invoice, oldest first. */
  invoicePayments: Record<string, string[]>;
  /** Dunning: first failure time of an open subscription invoice (emulated seconds). */
  dunningStart: Record<string, number>;
  /** Subscriptions whose trial_will_end was already sent for the current trial_end. */
  trialWillEndSent: Record<string, number>;
  /** Checkout sessions waiting on a 3-D Secure challenge: the card number entered. */
  pending3ds: Record<string, { card: string; email: string; name: string }>;
  /** Creation parameters a checkout session needs at completion but does not expose. */
  checkoutOptions: Record<string, CheckoutOptions>;
};

export type CheckoutOptions = {
  subscriptionMetadata: Record<string, string>;
  trialDays: number | null;
  subscriptionDescription: string | null;
  paymentIntentMetadata: Record<string, string>;
};

export type PersistedState = {
  version: 1;
  clockOffset: number;
  seq: number;
  objects: Record<string, StoredObject>;
  internal: InternalState;
  deliveries: Delivery[];
  idempotency: Record<string, { fingerprint: string; status: number; body: string }>;
  config: ChaosConfig;
};

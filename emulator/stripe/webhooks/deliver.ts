import type Stripe from "stripe";
import type { Store } from "../store";
import { randomId } from "../store";
import type { Delivery, StoredObject } from "../types";
import type { WebhookEndpointObj } from "../resources/webhook-endpoints";
import { signatureHeader } from "./sign";

export type Endpoint = { url: string; secret: string };
const MAX_KEPT = 2000;

/**
 * At-least-once delivery, one request at a time so a healthy receiver sees events
 * in creation order. A failed attempt (non-2xx, network error, timeout) is
 * retried with exponential backoff on the wall clock and does not hold up later
 * events. The chaos switches in the store's config break these niceties on purpose.
 */
export class Deliverer {
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private waiters: (() => void)[] = [];
  /** Aborts an in-flight request on close so shutdown never waits for a slow receiver. */
  private readonly abort = new AbortController();

  constructor(
    private readonly store: Store,
    private readonly endpoint: () => Endpoint | null,
  ) {}

  endpointsFor(type: string): Endpoint[] {
    const out: Endpoint[] = [];
    const env = this.endpoint();
    if (env) out.push(env);
    for (const we of this.store.all<WebhookEndpointObj>("webhook_endpoint")) {
      if (we.status === "enabled" && (we.enabled_events.includes("*") || we.enabled_events.includes(type))) {
        out.push({ url: we.url, secret: we.secret as string });
      }
    }
    return out;
  }

  enqueue = (event: Stripe.Event): number => {
    const endpoints = this.endpointsFor(event.type);
    const { duplicate, delayMs } = this.store.state.config;
    for (const ep of endpoints) {
      for (let i = 0; i < Math.max(1, duplicate); i += 1) this.add(event, ep, delayMs);
    }
    this.kick();
    return endpoints.length;
  };

  replay(eventId: string): Delivery | null {
    const event = this.store.get<Stripe.Event & StoredObject>(eventId, "event");
    if (!event) return null;
    const eps = this.endpointsFor(event.type);
    const ds = eps.map((ep) => this.add(event, ep, 0));
    this.kick();
    return ds[0] ?? null;
  }

  private add(event: Stripe.Event, ep: Endpoint, delayMs: number): Delivery {
    const d: Delivery = {
      id: randomId("whd"),
      eventId: event.id,
      eventType: event.type,
      url: ep.url,
      secret: ep.secret,
      status: "pending",
      attempts: [],
      nextAttemptAt: Date.now() + delayMs,
      seq: this.store.nextSeq(),
    };
    const list = this.store.state.deliveries;
    list.push(d);
    if (list.length > MAX_KEPT) {
      const i = list.findIndex((x) => x.status !== "pending");
      if (i >= 0) list.splice(i, 1);
    }
    this.store.touch();
    return d;
  }

  /** Resolves once nothing is pending (tests and the CLI's shutdown use it). */
  idle(): Promise<void> {
    if (!this.pending().length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.waiters.splice(0)) w();
  }

  kick(): void {
    if (this.running || this.closed) return;
    this.running = true;
    void this.pump().finally(() => {
      this.running = false;
    });
  }

  private pending(): Delivery[] {
    return this.store.state.deliveries.filter((d) => d.status === "pending");
  }

  private async pump(): Promise<void> {
    while (!this.closed) {
      const pending = this.pending();
      if (!pending.length) {
        for (const w of this.waiters.splice(0)) w();
        return;
      }
      const now = Date.now();
      const due = pending.filter((d) => d.nextAttemptAt <= now).sort((a, b) => a.seq - b.seq);
      if (!due.length) {
        const wait = Math.min(...pending.map((d) => d.nextAttemptAt)) - now;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.kick(), Math.max(1, wait));
        this.timer.unref();
        return;
      }
      const window = Math.max(1, Math.min(this.store.state.config.shuffleWindow, due.length));
      const d = due[Math.floor(Math.random() * window)] as Delivery;
      await this.attempt(d);
    }
  }

  private async attempt(d: Delivery): Promise<void> {
    const cfg = this.store.state.config;
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    if (cfg.dropFirstAttempt && d.attempts.length === 0) {
      error = "dropped by chaos switch (dropFirstAttempt)";
    } else {
      const event = this.store.get(d.eventId, "event");
      const payload = JSON.stringify(event, null, 2);
      try {
        const res = await fetch(d.url, {
          method: "POST",
          headers: {
            "content-type": "application/json; charset=utf-8",
            "stripe-signature": signatureHeader(payload, d.secret),
            "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          },
          body: payload,
          signal: AbortSignal.any([AbortSignal.timeout(cfg.timeoutMs), this.abort.signal]),
        });
        status = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (status < 200 || status > 299) error = `HTTP ${status}`;
      } catch (e) {
        error =
          e instanceof Error
            ? e.name === "TimeoutError"
              ? `timed out after ${cfg.timeoutMs} ms`
              : e.message
            : String(e);
      }
    }
    // Interrupted by close(): leave it pending so the next start delivers it.
    if (this.closed) return;
    d.attempts.push({ at: Date.now(), status, error, durationMs: Date.now() - started });
    if (!error) d.status = "succeeded";
    else if (d.attempts.length >= cfg.maxAttempts) d.status = "failed";
    else d.nextAttemptAt = Date.now() + cfg.retryBaseMs * 2 ** (d.attempts.length - 1);
    this.store.touch();
  }
}

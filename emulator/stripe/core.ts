import Stripe from "stripe";
import type { Store } from "./store";

/** The API version pinned by the installed `stripe` package: the emulator answers in exactly this one. */
export const API_VERSION: string = Stripe.API_VERSION;

/** Hands each new event to the webhook deliverer; returns how many endpoints will receive it. */
export type EventSink = (event: Stripe.Event) => number;

export type Core = {
  store: Store;
  /** Base URL of hosted pages (checkout, portal, invoices) as the browser reaches it. */
  publicUrl: () => string;
  sink: EventSink;
};

/** One API request (or one automatic action such as a renewal, with `request: null`). */
export type Ctx = Core & { request: { id: string | null; idempotency_key: string | null } };

export function automatic(core: Core): Ctx {
  return { ...core, request: { id: null, idempotency_key: null } };
}

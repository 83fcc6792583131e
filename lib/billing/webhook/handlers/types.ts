import type Stripe from "stripe";
import { z } from "zod";
import type { Tx } from "@/db";

/** A webhook handler: runs inside the transaction that also marks the event processed. */
export type EventHandler = (event: Stripe.Event, tx: Tx) => Promise<void>;

const ref = z.union([z.string(), z.looseObject({ id: z.string() })]);
const objectRef = z.looseObject({ id: z.string().min(1), customer: ref.nullish() });

/** The two fields every handler relies on, validated (the rest is re-read from Stripe). */
export function objectOf(event: Stripe.Event): { id: string; customer: string | null } {
  const o = objectRef.parse(event.data.object);
  return {
    id: o.id,
    customer: o.customer == null ? null : typeof o.customer === "string" ? o.customer : o.customer.id,
  };
}

import { eq } from "drizzle-orm";
import { schema } from "@/db";
import { objectOf, type EventHandler } from "./types";

/** We mirror no customer fields (name and email live on the account); acknowledged only. */
export const customerUpdated: EventHandler = async () => {};

/** A deleted Stripe customer cannot be charged again: the next checkout creates a new one. */
export const customerDeleted: EventHandler = async (event, tx) => {
  await tx.delete(schema.customers).where(eq(schema.customers.stripeCustomerId, objectOf(event).id));
};

import type Stripe from "stripe";
import { eq } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { parseLookupKey, type CatalogueEntry } from "./plans";
import { stripe } from "./stripe-client";

export type ResolvedPrice = { id: string; lookupKey: string; unitAmount: number; currency: string; productId: string };

const TTL_MS = 10 * 60 * 1000;
const g = globalThis as unknown as { __seoPriceCache?: Map<string, { price: ResolvedPrice; at: number }> };
const cache = () => (g.__seoPriceCache ??= new Map());

/**
 * The active Stripe price for a lookup key (`pro_monthly`, `pro_setup`…), cached
 * for ten minutes. A missing price is a loud error: there is no hard-coded
 * fallback id, the catalogue has to be synced (`npm run stripe:sync`).
 */
export async function resolvePrice(lookupKey: string): Promise<ResolvedPrice> {
  const hit = cache().get(lookupKey);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.price;
  const list = await stripe().prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  const p = list.data[0];
  if (!p || p.unit_amount == null) {
    logger.error({ lookupKey }, "stripe price missing");
    throw new AppError(
      "unavailable",
      `Stripe has no active price with lookup key "${lookupKey}". Run \`npm run stripe:sync\` against this Stripe account.`,
    );
  }
  const price: ResolvedPrice = {
    id: p.id,
    lookupKey,
    unitAmount: p.unit_amount,
    currency: p.currency,
    productId: typeof p.product === "string" ? p.product : p.product.id,
  };
  cache().set(lookupKey, { price, at: Date.now() });
  return price;
}

/** Tests and catalogue sync: forget cached prices (a different Stripe, or new price ids). */
export function resetPriceCache(): void {
  cache().clear();
}

/**
 * Which catalogue entry a Stripe price id is (for invoice lines and charges):
 * the local mirror first, then Stripe itself. Null for prices not in our catalogue.
 */
export async function catalogueEntryForPrice(
  price: string | Stripe.Price | null | undefined,
  q: Tx | ReturnType<typeof db> = db(),
): Promise<CatalogueEntry | null> {
  if (!price) return null;
  if (typeof price !== "string") return parseLookupKey(price.lookup_key);
  const [row] = await q
    .select({ lookupKey: schema.stripePrices.lookupKey })
    .from(schema.stripePrices)
    .where(eq(schema.stripePrices.stripePriceId, price));
  if (row) return parseLookupKey(row.lookupKey);
  const p = await stripe().prices.retrieve(price);
  return parseLookupKey(p.lookup_key);
}

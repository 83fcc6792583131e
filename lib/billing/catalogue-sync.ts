import type Stripe from "stripe";
import { sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { catalogue, CURRENCY, PLANS, type CatalogueEntry } from "./plans";
import { resetPriceCache } from "./prices";
import { stripe } from "./stripe-client";

export type CatalogueSyncReport = {
  products: { created: string[]; updated: string[]; unchanged: string[] };
  prices: { created: string[]; replaced: string[]; unchanged: string[] };
};

/** Our products are found by this metadata key: one for each plan, one for each plan's setup fee. */
const KEY = "seo_catalogue_key";

function productFor(e: CatalogueEntry): { key: string; name: string; description: string } {
  const plan = PLANS[e.plan];
  return e.kind === "setup"
    ? {
        key: `${e.plan}_setup`,
        name: `${plan.name} setup fee`,
        description: `One-time onboarding for the ${plan.name} plan.`,
      }
    : { key: e.plan, name: `SEO Health Report ${plan.name}`, description: plan.tagline };
}

function priceMatches(p: Stripe.Price, e: CatalogueEntry, productId: string): boolean {
  const product = typeof p.product === "string" ? p.product : p.product.id;
  const interval = p.recurring?.interval ?? null;
  return (
    p.active &&
    product === productId &&
    p.unit_amount === e.unitAmount &&
    p.currency === CURRENCY &&
    interval === e.interval &&
    (e.kind === "setup") === (p.type === "one_time")
  );
}

/**
 * Makes Stripe's catalogue match lib/billing/plans.ts, idempotently: products by
 * metadata key, prices by lookup key. A price whose amount or interval changed is
 * replaced (Stripe prices are immutable): the new one takes over the lookup key
 * and the old one is archived. The local stripe_prices mirror is rewritten.
 */
export async function syncCatalogue(): Promise<CatalogueSyncReport> {
  const s = stripe();
  const report: CatalogueSyncReport = {
    products: { created: [], updated: [], unchanged: [] },
    prices: { created: [], replaced: [], unchanged: [] },
  };
  const products = new Map<string, Stripe.Product>();
  for await (const p of s.products.list({ limit: 100 })) {
    const key = p.metadata?.[KEY];
    if (key && !products.has(key)) products.set(key, p);
  }
  const entries = catalogue();
  for (const e of entries) {
    const want = productFor(e);
    const have = products.get(want.key);
    if (!have) {
      const created = await s.products.create(
        { name: want.name, description: want.description, metadata: { [KEY]: want.key, plan: e.plan } },
        { idempotencyKey: `catalogue-product-${want.key}-${want.name}` },
      );
      products.set(want.key, created);
      report.products.created.push(want.key);
    } else if (have.name !== want.name || have.description !== want.description || !have.active) {
      products.set(
        want.key,
        await s.products.update(have.id, { name: want.name, description: want.description, active: true }),
      );
      if (!report.products.updated.includes(want.key)) report.products.updated.push(want.key);
    } else if (!report.products.unchanged.includes(want.key)) report.products.unchanged.push(want.key);
  }

  const existing = await s.prices.list({ lookup_keys: entries.map((e) => e.lookupKey), active: true, limit: 100 });
  const mirror: (typeof schema.stripePrices.$inferInsert)[] = [];
  for (const e of entries) {
    const productId = products.get(productFor(e).key)!.id;
    const current = existing.data.find((p) => p.lookup_key === e.lookupKey);
    let price = current;
    if (!current || !priceMatches(current, e, productId)) {
      price = await s.prices.create({
        product: productId,
        currency: CURRENCY,
        unit_amount: e.unitAmount,
        lookup_key: e.lookupKey,
        transfer_lookup_key: true,
        ...(e.interval ? { recurring: { interval: e.interval } } : {}),
        metadata: { plan: e.plan, kind: e.kind },
      });
      if (current) {
        await s.prices.update(current.id, { active: false });
        report.prices.replaced.push(e.lookupKey);
      } else report.prices.created.push(e.lookupKey);
    } else report.prices.unchanged.push(e.lookupKey);
    mirror.push({
      lookupKey: e.lookupKey,
      stripePriceId: price!.id,
      stripeProductId: productId,
      plan: e.plan,
      kind: e.kind,
      interval: e.interval,
      unitAmount: e.unitAmount,
      currency: CURRENCY,
      active: true,
    });
  }
  await db().transaction(async (tx) => {
    for (const row of mirror) {
      await tx
        .insert(schema.stripePrices)
        .values(row)
        .onConflictDoUpdate({
          target: schema.stripePrices.lookupKey,
          set: {
            stripePriceId: row.stripePriceId,
            stripeProductId: row.stripeProductId,
            unitAmount: row.unitAmount,
            interval: row.interval,
            active: true,
            syncedAt: sql`now()`,
          },
        });
    }
  });
  resetPriceCache();
  return report;
}

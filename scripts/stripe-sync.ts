/**
 * npm run stripe:sync
 * Creates or updates Stripe products and prices from lib/billing/plans.ts, by
 * lookup key, against whichever Stripe the environment points at (the emulator
 * without STRIPE_SECRET_KEY). Idempotent: a second run changes nothing.
 */
import { closeDatabase, migrateDatabase } from "@/db";
import { syncCatalogue } from "@/lib/billing/catalogue-sync";

try {
  await migrateDatabase();
  const r = await syncCatalogue();
  const line = (label: string, xs: string[]) => console.log(`${label.padEnd(18)} ${xs.length ? xs.join(", ") : "—"}`);
  line("products created", r.products.created);
  line("products updated", r.products.updated);
  line("prices created", r.prices.created);
  line("prices replaced", r.prices.replaced);
  line("prices unchanged", r.prices.unchanged);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}

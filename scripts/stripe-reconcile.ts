/**
 * npm run stripe:reconcile [-- --since <unix seconds>]
 * Processes Stripe events missed since the last processed one, then repairs and
 * reports subscription and payment drift. Exit code 1 when an event still fails.
 */
import { closeDatabase, migrateDatabase } from "@/db";
import { reconcileStripe } from "@/lib/billing/reconcile";

const i = process.argv.indexOf("--since");
const since = i > 0 ? Number(process.argv[i + 1]) : undefined;

try {
  await migrateDatabase();
  const r = await reconcileStripe(since !== undefined && Number.isFinite(since) ? { since } : {});
  console.log(`events since ${new Date(r.since * 1000).toISOString()}: ${r.eventsSeen} seen`);
  console.log(`processed (missed): ${r.eventsProcessed.length ? r.eventsProcessed.join(", ") : "none"}`);
  for (const f of r.eventsFailed) console.log(`FAILED ${f.id}: ${f.error}`);
  for (const d of r.subscriptionsRepaired) console.log(`subscription ${d.id} repaired: ${d.fields.join(", ")}`);
  for (const p of r.paymentsRepaired)
    console.log(`payment ${p.paymentIntentId} (${p.chargeId}) repaired: ${p.from ?? "missing"} → ${p.to}`);
  if (!r.subscriptionsRepaired.length && !r.paymentsRepaired.length) console.log("no drift");
  if (r.eventsFailed.length) process.exitCode = 1;
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}

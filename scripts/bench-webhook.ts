/**
 * npm run bench:webhook — latency of POST /api/webhooks/stripe on a realistic
 * event stream: CUSTOMERS checkouts paid with 4242 (a few with a card that fails
 * renewals), then RENEWALS monthly renewals through the emulator's clock, each
 * phase's events delivered in order to the real route handler, then a share of
 * them delivered again (Stripe's at-least-once duplicates). The Stripe re-read is
 * measured on the SDK's own `response` events (request start and end), so
 * "excluding the re-read" is handler time minus the Stripe round trips made during it.
 * In-process emulator, fresh PGlite directory (or DATABASE_URL). Prints numbers only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 60);
const RENEWALS = Number(process.env.BENCH_RENEWALS ?? 3);
const DUPLICATE_SHARE = 0.3;
const DAY = 86_400;

if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "bench-webhook-"));
process.env.LOG_LEVEL ??= "silent";
process.env.AUTH_SECRET ??= "bench-auth-secret-at-least-32-characters-long";
process.env.APP_URL ??= "http://localhost:3000";
delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;
delete process.env.STRIPE_WEBHOOK_SECRET_PREVIOUS;

const { eq } = await import("drizzle-orm");
const { NextRequest } = await import("next/server");
const { startStripeEmulator } = await import("@/emulator/stripe");
const { payCheckout } = await import("@/emulator/stripe/testing");
const { closeDatabase, db, migrateDatabase, schema } = await import("@/db");
const { POST } = await import("@/app/api/webhooks/stripe/route");
const { syncCatalogue } = await import("@/lib/billing/catalogue-sync");
const { createCheckout } = await import("@/lib/billing/create-checkout");
const { stripe, EMULATOR_WEBHOOK_SECRET } = await import("@/lib/billing/stripe-client");

const emu = await startStripeEmulator({ port: 0, dataFile: null, webhookUrl: null });
process.env.STRIPE_EMULATOR_URL = emu.url;
await migrateDatabase();
await syncCatalogue();

// Every Stripe round trip the app makes reports its start and end here; deliveries run one at a time, and
// a handler's concurrent reads (Promise.all) count once: the re-read time is the union of their intervals.
let intervals: [number, number][] = [];
stripe().on("response", (r: { request_start_time: number; request_end_time: number }) => {
  intervals.push([r.request_start_time, r.request_end_time]);
});
function unionMs(xs: [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of [...xs].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

type Sample = { total: number; stripe: number; calls: number; type: string };
const first: Sample[] = [];
const dupes: Sample[] = [];
const delivered: string[] = [];
let cursor = 0;

async function deliver(eventId: string, into: Sample[], type: string): Promise<void> {
  const { payload, signature } = emu.signedEvent(eventId, EMULATOR_WEBHOOK_SECRET);
  const req = new NextRequest("http://localhost:3000/api/webhooks/stripe", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature },
    body: payload,
  });
  intervals = [];
  const t0 = performance.now();
  const res = await POST(req);
  await res.text();
  const total = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${type} ${eventId}: HTTP ${res.status}`);
  into.push({ total, stripe: unionMs(intervals), calls: intervals.length, type });
}

/** Delivers every event the emulator produced since the last call, in creation order. */
async function deliverNew(): Promise<void> {
  const events = emu.events().slice(cursor);
  cursor += events.length;
  for (const e of events) {
    await deliver(e.id, first, e.type);
    delivered.push(e.id);
  }
}

await deliverNew(); // the catalogue sync's product/price events (ignored types)
first.length = 0;
delivered.length = 0;

const users = [];
for (let i = 0; i < CUSTOMERS; i++) {
  const [u] = await db()
    .insert(schema.users)
    .values({ email: `bench-${i}-${Date.now()}@example.com`, name: `Bench ${i}` })
    .returning();
  users.push(u!);
}
const plans = ["basic", "pro", "enterprise"] as const;
for (const [i, u] of users.entries()) {
  const { url } = await createCheckout(u, {
    plan: plans[i % 3]!,
    interval: "month",
    siteUrl: `https://shop${i}.example.com/`,
    keywords: ["widgets", "gadgets"],
    competitors: [],
  });
  const paid = await payCheckout(url, "4242424242424242", u.email);
  if (paid.status !== 303) throw new Error(`checkout ${i} answered ${paid.status}`);
  await deliverNew();
  // One customer in ten switches to a card that is declined on renewals (dunning, past_due, retries, cancellation).
  if (i % 10 === 9) await replaceCard(u.id, "4000000000000341");
}
for (let r = 0; r < RENEWALS; r++) {
  for (let d = 0; d < 31; d++) {
    emu.advance(DAY); // day by day, so dunning retries land between renewals like in production
    await deliverNew();
  }
}
const dupeIds = delivered.filter((_, i) => (i * 2654435761) % 1000 < DUPLICATE_SHARE * 1000);
for (const id of dupeIds) await deliver(id, dupes, "duplicate");

/** The customer portal's "replace the card" form, as a customer would post it. */
async function replaceCard(userId: string, card: string): Promise<void> {
  const [c] = await db().select().from(schema.customers).where(eq(schema.customers.userId, userId));
  const portal = await stripe().billingPortal.sessions.create({
    customer: c!.stripeCustomerId,
    return_url: "http://localhost:3000/",
  });
  const form = new URLSearchParams({ action: "card", card });
  const res = await fetch(portal.url, { method: "POST", body: form, redirect: "manual" });
  if (res.status !== 303) throw new Error(`portal answered ${res.status}`);
  await res.text();
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}
const row = (label: string, xs: number[]) =>
  console.log(
    `${label.padEnd(34)} ${[50, 95, 99].map((p) => pct(xs, p).toFixed(1).padStart(7)).join(" ")} ${Math.max(...xs)
      .toFixed(1)
      .padStart(7)}`,
  );
const byType = new Map<string, number>();
for (const s of first) byType.set(s.type, (byType.get(s.type) ?? 0) + 1);
const handled = first.filter((s) => s.calls > 0);

console.log(`database:  ${process.env.DATABASE_URL ? "postgres" : "pglite (file)"}; cores: ${os.cpus().length}`);
console.log(`customers: ${CUSTOMERS}, renewals: ${RENEWALS}, events: ${first.length}, duplicates: ${dupes.length}`);
console.log(`stripe re-reads: ${first.reduce((n, s) => n + s.calls, 0)} calls`);
console.log(`${"ms".padEnd(34)} ${["p50", "p95", "p99", "max"].map((h) => h.padStart(7)).join(" ")}`);
row(
  "handler, all events",
  first.map((s) => s.total),
);
row(
  "handler, events that re-read",
  handled.map((s) => s.total),
);
row(
  "  Stripe re-read",
  handled.map((s) => s.stripe),
);
row(
  "  handler excluding the re-read",
  handled.map((s) => s.total - s.stripe),
);
row(
  "handler excl. re-read, all events",
  first.map((s) => s.total - s.stripe),
);
row(
  "duplicate delivery",
  dupes.map((s) => s.total),
);
console.log("\nhandler excluding the re-read, by type (ms):");
for (const [type, n] of [...byType].sort((a, b) => b[1] - a[1])) {
  const xs = first.filter((s) => s.type === type).map((s) => s.total - s.stripe);
  const reads = first.filter((s) => s.type === type).reduce((k, s) => k + s.calls, 0) / n;
  console.log(
    `  ${type.padEnd(34)} n=${String(n).padStart(4)}  p50 ${pct(xs, 50).toFixed(1).padStart(6)}  p99 ${pct(xs, 99).toFixed(1).padStart(6)}  Stripe calls/event ${reads.toFixed(1)}`,
  );
}

await emu.close();
await closeDatabase();
if (process.env.PGLITE_DIR?.includes("bench-webhook-"))
  fs.rmSync(process.env.PGLITE_DIR, { recursive: true, force: true });

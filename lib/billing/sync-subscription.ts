import type Stripe from "stripe";
import { eq, inArray, sql } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { parseLookupKey } from "./plans";
import { userIdForCustomer } from "./customers";
import { lockStripeCustomer } from "./customer-lock";
import { stripe } from "./stripe-client";

export type SyncOptions = {
  /** The triggering event: its `created` and the subscription it is about (the ordering guard). */
  event?: { created: number; subscriptionId: string | null };
};

export type SubscriptionDrift = { id: string; fields: string[] };
export type SyncResult = { subscriptions: { id: string; status: string; plan: string }[]; drift: SubscriptionDrift[] };

const ts = (s: number | null | undefined) => (s ? new Date(s * 1000) : null);
const COMPARED = ["status", "plan", "interval", "stripePriceId", "cancelAtPeriodEnd", "currentPeriodEnd"] as const;

/** Reads a customer's subscriptions from Stripe (the truth every event converges on). */
export async function fetchCustomerSubscriptions(stripeCustomerId: string): Promise<Stripe.Subscription[]> {
  const out: Stripe.Subscription[] = [];
  for await (const s of stripe().subscriptions.list({
    customer: stripeCustomerId,
    status: "all",
    limit: 100,
    expand: ["data.latest_invoice"],
  }))
    out.push(s);
  return out;
}

function rowFrom(sub: Stripe.Subscription, userId: string | null) {
  const item = sub.items.data.find((i) => i.price.recurring) ?? sub.items.data[0];
  const entry = parseLookupKey(item?.price.lookup_key);
  const latest = typeof sub.latest_invoice === "object" ? sub.latest_invoice : null;
  const owing = sub.status === "past_due" || sub.status === "unpaid";
  return {
    id: sub.id,
    userId,
    stripeCustomerId: typeof sub.customer === "string" ? sub.customer : sub.customer.id,
    status: sub.status,
    plan: entry?.plan ?? sub.metadata?.plan ?? "unknown",
    interval: item?.price.recurring?.interval ?? entry?.interval ?? "month",
    stripePriceId: item?.price.id ?? "",
    currentPeriodStart: ts(item?.current_period_start),
    currentPeriodEnd: ts(item?.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    canceledAt: ts(sub.canceled_at),
    endedAt: ts(sub.ended_at),
    trialEnd: ts(sub.trial_end),
    // Stripe records no pause time; the period start is the closest deterministic stand-in.
    pausedAt: sub.status === "paused" || sub.pause_collection ? ts(item?.current_period_start) : null,
    // When the unpaid invoice fell due, from Stripe (not from when we heard of it): the grace period's start.
    pastDueSince: owing ? ts(latest?.status_transitions?.finalized_at ?? latest?.created ?? sub.created) : null,
  };
}

/**
 * Re-reads every subscription of a Stripe customer and upserts it. Subscription
 * state is never taken from an event payload, so any order of arrival converges on
 * Stripe's truth. With `opts.event`, an event older than the newest one already
 * applied to its subscription changes nothing for that subscription.
 */
export async function syncSubscription(stripeCustomerId: string, tx?: Tx, opts: SyncOptions = {}): Promise<SyncResult> {
  const run = async (t: Tx) => {
    await lockStripeCustomer(t, stripeCustomerId);
    let subs: Stripe.Subscription[];
    try {
      subs = await fetchCustomerSubscriptions(stripeCustomerId);
    } catch (e) {
      // A deleted customer cannot be listed by; its subscriptions can still be read one by one.
      const subscriptionId = opts.event?.subscriptionId;
      if ((e as { statusCode?: number }).statusCode !== 404 || !subscriptionId) throw e;
      subs = [await stripe().subscriptions.retrieve(subscriptionId, { expand: ["latest_invoice"] })];
    }
    return applySubscriptions(stripeCustomerId, subs, t, opts);
  };
  return tx ? run(tx) : db().transaction(run);
}

export async function applySubscriptions(
  stripeCustomerId: string,
  subs: Stripe.Subscription[],
  tx: Tx,
  opts: SyncOptions = {},
): Promise<SyncResult> {
  const t = schema.subscriptions;
  let userId = await userIdForCustomer(stripeCustomerId, tx);
  if (!userId) {
    const claimed = subs.map((s) => s.metadata?.userId).find(Boolean);
    if (claimed) {
      const [u] = await tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.id, claimed));
      userId = u?.id ?? null;
    }
  }
  const before = subs.length
    ? await tx
        .select()
        .from(t)
        .where(
          inArray(
            t.id,
            subs.map((s) => s.id),
          ),
        )
    : [];
  const result: SyncResult = { subscriptions: [], drift: [] };
  for (const sub of subs) {
    const row = rowFrom(sub, userId);
    const prior = before.find((b) => b.id === sub.id);
    // Neither our customer nor our catalogue (another product on the same Stripe account): not ours to mirror.
    if (!prior && !userId && row.plan === "unknown") continue;
    const guarded = opts.event && opts.event.subscriptionId === sub.id ? opts.event.created : null;
    if (prior && guarded !== null && guarded < prior.lastEventAt) {
      result.subscriptions.push({ id: prior.id, status: prior.status, plan: prior.plan });
      continue;
    }
    const lastEventAt = guarded ?? 0;
    const { id: _id, ...update } = row;
    await tx
      .insert(t)
      .values({ ...row, lastEventAt })
      .onConflictDoUpdate({
        target: t.id,
        set: {
          ...update,
          userId: sql`coalesce(${row.userId}, ${t.userId})`,
          lastEventAt: sql`greatest(${t.lastEventAt}, ${lastEventAt})`,
          updatedAt: new Date(),
        },
      });
    result.subscriptions.push({ id: row.id, status: row.status, plan: row.plan });
    if (prior) {
      const fields = COMPARED.filter((f) => String(prior[f]) !== String(row[f]));
      if (fields.length) result.drift.push({ id: row.id, fields });
    } else result.drift.push({ id: row.id, fields: ["missing"] });
  }
  return result;
}

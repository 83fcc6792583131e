import { z } from "zod";
import { userIdForCustomer } from "../../customers";
import { requestBillingEmail } from "../../notify";
import { syncSubscription } from "../../sync-subscription";
import { objectOf, type EventHandler } from "./types";

/** created / updated / paused / resumed: re-read the customer's subscriptions (with the ordering guard). */
export const subscriptionChanged: EventHandler = async (event, tx) => {
  const o = objectOf(event);
  if (!o.customer) return;
  await syncSubscription(o.customer, tx, { event: { created: event.created, subscriptionId: o.id } });
};

export const subscriptionDeleted: EventHandler = async (event, tx) => {
  const o = objectOf(event);
  if (!o.customer) return;
  const r = await syncSubscription(o.customer, tx, { event: { created: event.created, subscriptionId: o.id } });
  const sub = r.subscriptions.find((s) => s.id === o.id);
  if (sub?.status !== "canceled") return; // Stripe says otherwise (an older event replayed?)
  await requestBillingEmail(tx, "subscription_cancelled", await userIdForCustomer(o.customer, tx), o.id, {
    subscriptionId: o.id,
    plan: sub.plan,
  });
};

const trial = z.looseObject({ trial_end: z.number().int().nullish() });

export const subscriptionTrialWillEnd: EventHandler = async (event, tx) => {
  const o = objectOf(event);
  if (!o.customer) return;
  await syncSubscription(o.customer, tx, { event: { created: event.created, subscriptionId: o.id } });
  const trialEnd = trial.parse(event.data.object).trial_end;
  if (!trialEnd) return;
  await requestBillingEmail(tx, "trial_ending", await userIdForCustomer(o.customer, tx), `${o.id}-${trialEnd}`, {
    subscriptionId: o.id,
    trialEnd: new Date(trialEnd * 1000).toISOString(),
  });
};

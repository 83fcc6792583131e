import type { Tx } from "@/db";
import type { BillingEmailTemplate } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send-event";

/**
 * Hands a billing email to the job system inside the caller's transaction
 * (outbox): it is queued if and only if the webhook's changes commit. `ref` is
 * what the email is about; the event id `billing-email-<template>-<ref>` makes a
 * redelivered webhook queue it once.
 */
export async function requestBillingEmail(
  tx: Tx,
  template: BillingEmailTemplate,
  userId: string | null,
  ref: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  if (!userId) return; // nobody to write to (customer not linked to an account)
  await sendEvent(
    { name: "billing/email.requested", data: { template, userId, ref, data }, id: `billing-email-${template}-${ref}` },
    { tx },
  );
}

import { z } from "zod";

/**
 * Every event the app sends, with its payload schema. The same names and shapes
 * are used on a real Inngest server and by the in-process runner; `sendEvent`
 * validates against these before anything is queued or sent.
 */
export const BILLING_EMAIL_TEMPLATES = [
  "receipt",
  "payment_failed",
  "action_required",
  "trial_ending",
  "subscription_cancelled",
  "refund_issued",
] as const;
export type BillingEmailTemplate = (typeof BILLING_EMAIL_TEMPLATES)[number];

const auditRef = z.object({ auditId: z.string().min(1) });

/** `userId` is filled in by sendEvent from the audit row (the per-customer concurrency key). */
export const auditRequestedData = auditRef.extend({ userId: z.string().min(1).optional() });
export const auditCancelledData = auditRef;
export const auditCompletedData = auditRef;
export const billingEmailRequestedData = z.object({
  template: z.enum(BILLING_EMAIL_TEMPLATES),
  userId: z.string().min(1),
  /** What the email is about (invoice id, subscription id…): part of its dedupe key. */
  ref: z.string().min(1),
  data: z.record(z.string(), z.unknown()).optional(),
});

export const EVENT_SCHEMAS = {
  "audit/requested": auditRequestedData,
  "audit/cancelled": auditCancelledData,
  "audit/completed": auditCompletedData,
  "billing/email.requested": billingEmailRequestedData,
} as const;

export type EventName = keyof typeof EVENT_SCHEMAS;
export type EventData<N extends EventName> = z.infer<(typeof EVENT_SCHEMAS)[N]>;

export type AuditRequestedData = EventData<"audit/requested">;
export type AuditCancelledData = EventData<"audit/cancelled">;
export type AuditCompletedData = EventData<"audit/completed">;
export type BillingEmailRequestedData = EventData<"billing/email.requested">;

/** An event as passed to `sendEvent`. `id` de-duplicates: the same id is accepted once. */
export type AppEvent = {
  [N in EventName]: { name: N; data: EventData<N>; id?: string };
}[EventName];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(EVENT_SCHEMAS, name);
}

/** Validates an event's payload; throws a ZodError naming the bad field. */
export function parseEvent<E extends AppEvent>(event: E): E {
  if (!isEventName(event.name)) throw new Error(`Unknown event ${String(event.name)}`);
  const data = EVENT_SCHEMAS[event.name].parse(event.data);
  return { ...event, data } as E;
}

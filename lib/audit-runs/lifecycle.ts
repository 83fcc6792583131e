import { and, eq, inArray, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import { sendEmail } from "@/lib/email/send-email";
import { auditFailedEmail } from "@/lib/email/templates/audit-failed";
import { env } from "@/lib/env";
import { sendEvent } from "@/lib/jobs/send-event";
import type { AuditProgress } from "@/db/schema/audits";
import { normalise } from "./full-engine";
import { isPlanId, PLANS } from "@/lib/billing/plans";
import { returnCredit } from "@/lib/billing/entitlements";

/** Page budget per plan, from the plans file (competitors get 10% of it, at least 50). */
export const budgetFor = (plan: string) =>
  isPlanId(plan) ? PLANS[plan].limits.pagesPerAudit : PLANS.basic.limits.pagesPerAudit;

export type StartResult =
  { started: false } | { started: true; siteUrl: string; budget: number; competitors: string[] };

/**
 * pending → running, once. A second request for the same audit (or one for an
 * audit already finished or cancelled) returns started: false and does nothing.
 */
export async function startAuditRun(auditId: string): Promise<StartResult> {
  return db().transaction(async (tx) => {
    const [a] = await tx
      .update(schema.audits)
      .set({ status: "running", startedAt: new Date() })
      .where(and(eq(schema.audits.id, auditId), eq(schema.audits.status, "pending")))
      .returning();
    if (!a) return { started: false };
    const budget = budgetFor(a.plan);
    const start = normalise(a.siteUrl);
    await tx
      .insert(schema.auditPages)
      .values({ auditId, site: "target", url: start, depth: 0, data: { queued: true } })
      .onConflictDoNothing();
    await setProgress(auditId, { phase: "crawling", pagesDone: 0, queued: 1, budget }, tx);
    return { started: true, siteUrl: start, budget, competitors: a.competitors };
  });
}

type Q = Pick<ReturnType<typeof db>, "update">;

export async function setProgress(auditId: string, progress: AuditProgress, q: Q = db()): Promise<void> {
  await q
    .update(schema.audits)
    .set({ progress })
    .where(and(eq(schema.audits.id, auditId), eq(schema.audits.status, "running")));
}

export async function setPhase(auditId: string, phase: string): Promise<void> {
  await db()
    .update(schema.audits)
    .set({
      progress: sql`jsonb_set(coalesce(${schema.audits.progress}, '{}'::jsonb), '{phase}', to_jsonb(${phase}::text))`,
    })
    .where(and(eq(schema.audits.id, auditId), eq(schema.audits.status, "running")));
}

/** running → completed; false when the audit was cancelled meanwhile. */
export async function completeAudit(auditId: string): Promise<{ completed: boolean }> {
  const rows = await db()
    .update(schema.audits)
    .set({
      status: "completed",
      finishedAt: new Date(),
      progress: sql`jsonb_set(coalesce(${schema.audits.progress}, '{}'::jsonb), '{phase}', '"done"')`,
    })
    .where(and(eq(schema.audits.id, auditId), eq(schema.audits.status, "running")))
    .returning({ id: schema.audits.id });
  return { completed: rows.length === 1 };
}

/**
 * Marks the audit failed with a reason the customer can read and returns its
 * credit (subscriptions.auditsUsed − 1) in the same transaction, once.
 */
export async function failAudit(
  auditId: string,
  reason: string,
): Promise<{ failed: boolean; creditReturned: boolean }> {
  return db().transaction(async (tx) => {
    const [a] = await tx
      .update(schema.audits)
      .set({ status: "failed", error: reason, finishedAt: new Date() })
      .where(and(eq(schema.audits.id, auditId), inArray(schema.audits.status, ["pending", "running"])))
      .returning();
    if (!a) return { failed: false, creditReturned: false };
    const creditReturned = await returnCredit(auditId, tx);
    return { failed: true, creditReturned };
  });
}

/** The customer-facing explanation of a failure (internal errors are not shown verbatim). */
export function customerReason(message: string): string {
  if (/refusing|ENOTFOUND|ECONNREFUSED|could not fetch|timeout|aborted/i.test(message)) {
    return "we could not reach your site. Check that it is online and publicly reachable, then run the audit again.";
  }
  return "an internal error stopped the audit after several attempts. Our team has been notified.";
}

export async function sendAuditFailedEmail(auditId: string, creditReturned: boolean): Promise<void> {
  const [row] = await db()
    .select({ a: schema.audits, u: schema.users })
    .from(schema.audits)
    .innerJoin(schema.users, eq(schema.users.id, schema.audits.userId))
    .where(eq(schema.audits.id, auditId));
  if (!row) return;
  await sendEmail({
    to: row.u.email,
    userId: row.u.id,
    template: auditFailedEmail,
    props: {
      name: row.u.name,
      siteUrl: row.a.siteUrl,
      reason: row.a.error ?? "unknown error",
      creditReturned,
      dashboardUrl: `${env().APP_URL}/dashboard/audits/${auditId}`,
    },
    dedupeKey: `audit-failed:${auditId}`,
  });
}

/** The owner cancels a pending or running audit; the run stops before its next step. */
export async function cancelAudit(auditId: string, userId: string): Promise<{ status: "cancelled" }> {
  return db().transaction(async (tx) => {
    const [a] = await tx.select().from(schema.audits).where(eq(schema.audits.id, auditId));
    if (!a || a.userId !== userId) throw new AppError("not_found", "Audit not found.");
    const [c] = await tx
      .update(schema.audits)
      .set({ status: "cancelled", finishedAt: new Date() })
      .where(and(eq(schema.audits.id, auditId), inArray(schema.audits.status, ["pending", "running"])))
      .returning({ id: schema.audits.id });
    if (!c) throw new AppError("conflict", `This audit is already ${a.status} and cannot be cancelled.`);
    await sendEvent({ name: "audit/cancelled", data: { auditId }, id: `audit-cancelled-${auditId}` }, { tx });
    return { status: "cancelled" as const };
  });
}

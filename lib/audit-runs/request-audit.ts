import { z } from "zod";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import { checkoutInput } from "@/lib/billing/create-checkout";
import { consumeCredit } from "@/lib/billing/entitlements";
import { PLANS } from "@/lib/billing/plans";
import { sendEvent } from "@/lib/jobs/send-event";

/** Same URL and keyword rules as checkout; the plan's limits are checked against the live subscription. */
export const auditRequestInput = z.object({
  siteUrl: checkoutInput.shape.siteUrl,
  keywords: checkoutInput.shape.keywords,
  competitors: checkoutInput.shape.competitors,
  companyName: checkoutInput.shape.companyName,
});
export type AuditRequestInput = z.infer<typeof auditRequestInput>;

/**
 * A subscriber starts another audit: one credit is spent, the audit is created
 * and `audit/requested` is queued, all in one transaction — so a failure leaves
 * neither a charge against the credits nor an orphaned audit. No entitlement →
 * 402 (from consumeCredit) with the reason and what to do.
 */
export async function requestAudit(userId: string, input: AuditRequestInput): Promise<{ id: string }> {
  return db().transaction(async (tx) => {
    const { subscriptionId, plan, limits } = await consumeCredit(userId, tx);
    const name = PLANS[plan].name;
    if (input.keywords.length > limits.keywords)
      throw new AppError("bad_request", `The ${name} plan allows at most ${limits.keywords} keywords.`, {
        details: { field: "keywords", limit: limits.keywords },
      });
    if (input.competitors.length > limits.competitors)
      throw new AppError("bad_request", `The ${name} plan allows at most ${limits.competitors} competitors.`, {
        details: { field: "competitors", limit: limits.competitors },
      });
    const [audit] = await tx
      .insert(schema.audits)
      .values({
        userId,
        subscriptionId,
        trigger: "manual",
        plan,
        siteUrl: input.siteUrl,
        keywords: input.keywords,
        competitors: input.competitors,
        companyName: PLANS[plan].whiteLabel ? (input.companyName ?? null) : null,
      })
      .returning({ id: schema.audits.id });
    await sendEvent({ name: "audit/requested", data: { auditId: audit!.id }, id: `audit-${audit!.id}` }, { tx });
    return { id: audit!.id };
  });
}

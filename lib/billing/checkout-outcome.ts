import { getAuditStatus, type AuditStatusView } from "@/lib/audit-runs/queries";
import { isAppError } from "@/lib/errors";
import { fulfilCheckoutSession } from "./fulfil-checkout";

export type CheckoutOutcome = {
  status: "fulfilled" | "already_fulfilled" | "pending_payment" | "failed" | "expired" | "unknown";
  audit: AuditStatusView | null;
};

/**
 * The success page's view of a checkout: runs the same idempotent fulfilment as
 * the webhook (whichever comes first wins), then the queued audit — only if it
 * belongs to the viewer.
 */
export async function checkoutOutcome(
  sessionId: string,
  viewer: { id: string; role: string },
): Promise<CheckoutOutcome> {
  let result: Awaited<ReturnType<typeof fulfilCheckoutSession>>;
  try {
    result = await fulfilCheckoutSession(sessionId);
  } catch (e) {
    // An unknown or malformed session id (Stripe 404 / our not_found): nothing to show.
    const err = e as { statusCode?: number; code?: string };
    if ((isAppError(e) && (e.code === "not_found" || e.code === "bad_request")) || err.statusCode === 404) {
      return { status: "unknown", audit: null };
    }
    throw e;
  }
  if (!result.auditId) return { status: result.status, audit: null };
  try {
    return { status: result.status, audit: await getAuditStatus(result.auditId, viewer) };
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") return { status: "unknown", audit: null };
    throw e;
  }
}

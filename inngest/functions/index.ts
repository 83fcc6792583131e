import type { JobDefinition } from "@/lib/jobs/define";
import { monthlyReaudit } from "./monthly-reaudit";
import { reconcileStripeJob } from "./reconcile-stripe";
import { renderReport } from "./render-report";
import { runAudit } from "./run-audit";
import { sendBillingEmailJob } from "./send-billing-email";

/**
 * Every durable function. `jobs` feeds the in-process runner; `functions` is
 * what /api/inngest serves to a real Inngest server.
 */
export const jobs = [
  runAudit,
  renderReport,
  monthlyReaudit,
  sendBillingEmailJob,
  reconcileStripeJob,
] as JobDefinition[];

export const functions = jobs.map((j) => j.inngestFunction);

import type { JobDefinition } from "@/lib/jobs/define";
import { monthlyReaudit } from "./monthly-reaudit";
import { renderReport } from "./render-report";
import { runAudit } from "./run-audit";

/**
 * Every durable function. `jobs` feeds the in-process runner; `functions` is
 * what /api/inngest serves to a real Inngest server. send-billing-email joins
 * when lib/billing/send-billing-email.ts exists.
 */
export const jobs = [runAudit, renderReport, monthlyReaudit] as JobDefinition[];

export const functions = jobs.map((j) => j.inngestFunction);

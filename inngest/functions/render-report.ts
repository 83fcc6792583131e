import { defineJob } from "@/lib/jobs/define";
import { markReportFailed, renderAndStoreReport, sendReportReadyEmail } from "@/lib/reports/audit-report";

/** audit/completed → PDF rendered, stored, marked ready, customer emailed with the link. */
export const renderReport = defineJob(
  {
    id: "render-report",
    trigger: { event: "audit/completed" },
    retries: 3,
    idempotency: "event.data.auditId",
    concurrency: [{ limit: 2 }],
  },
  async ({ event, step }) => {
    const { auditId } = event.data;
    const stored = await step.run("render-and-store", () => renderAndStoreReport(auditId));
    await step.run("email-customer", () => sendReportReadyEmail(auditId));
    return stored;
  },
  async ({ event, error, step }) => {
    await step.run("mark-report-failed", () => markReportFailed(event.data.auditId, error.message));
  },
);

import { defineJob } from "@/lib/jobs/define";
import { requestDueReaudits } from "@/lib/audit-runs/reaudit";

/** Daily: re-audit every active subscription's site not yet audited this period, so customers see their trend. */
export const monthlyReaudit = defineJob(
  { id: "monthly-reaudit", trigger: { cron: "TZ=UTC 0 3 * * *" }, retries: 2 },
  async ({ step }) => step.run("request-due-reaudits", () => requestDueReaudits()),
);

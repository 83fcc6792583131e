import { defineJob } from "@/lib/jobs/define";
import { reconcileStripe } from "@/lib/billing/reconcile";

/** Nightly: process Stripe events we missed and repair subscription/payment drift (lib/billing/reconcile.ts). */
export const reconcileStripeJob = defineJob(
  { id: "reconcile-stripe", trigger: { cron: "TZ=UTC 30 2 * * *" }, retries: 2 },
  async ({ step }) => step.run("reconcile", () => reconcileStripe()),
);

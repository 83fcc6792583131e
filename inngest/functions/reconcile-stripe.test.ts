import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";

const report = { eventsProcessed: 1, eventsFailed: 0, repaired: ["subscription sub_1 repaired: status"] };
vi.mock("@/lib/billing/reconcile", () => ({ reconcileStripe: vi.fn(async () => report) }));

const billing = await import("@/lib/billing/reconcile");
const { reconcileStripeJob } = await import("./reconcile-stripe");

describe("reconcile-stripe step logic", () => {
  it("runs the reconciliation once in a durable step, nightly", async () => {
    const t = new InngestTestEngine({
      function: reconcileStripeJob.inngestFunction,
      events: [{ name: "inngest/scheduled.timer", data: {} }],
    });
    const { result } = await t.execute();
    expect(result).toEqual(report);
    expect(billing.reconcileStripe).toHaveBeenCalledTimes(1);
    expect(reconcileStripeJob.config.trigger).toEqual({ cron: "TZ=UTC 30 2 * * *" });
  });

  it("a failing reconciliation fails the run so it is retried", async () => {
    vi.mocked(billing.reconcileStripe).mockRejectedValueOnce(new Error("Stripe unavailable"));
    const t = new InngestTestEngine({
      function: reconcileStripeJob.inngestFunction,
      events: [{ name: "inngest/scheduled.timer", data: {} }],
    });
    const { error } = await t.execute();
    expect(String((error as Error | undefined)?.message ?? error)).toContain("Stripe unavailable");
    expect(reconcileStripeJob.config.retries).toBe(2);
  });
});

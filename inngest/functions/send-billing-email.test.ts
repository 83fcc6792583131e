import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/billing/send-billing-email", () => ({
  sendBillingEmail: vi.fn(async () => ({ sent: true, deduped: false, emailId: "em_1" })),
}));

const billing = await import("@/lib/billing/send-billing-email");
const { sendBillingEmailJob } = await import("./send-billing-email");
const { jobs } = await import("./index");

describe("send-billing-email", () => {
  it("sends the requested template once, in one step, with the event's payload", async () => {
    const data = { template: "receipt", userId: "u1", ref: "in_123", data: { amountPaid: 300000 } };
    const t = new InngestTestEngine({
      function: sendBillingEmailJob.inngestFunction,
      events: [{ name: "billing/email.requested", data }],
    });
    const { result } = await t.execute();
    expect(result).toEqual({ sent: true, deduped: false, emailId: "em_1" });
    expect(billing.sendBillingEmail).toHaveBeenCalledTimes(1);
    expect(billing.sendBillingEmail).toHaveBeenCalledWith(data);
  });

  it("is registered for billing/email.requested", () => {
    expect(sendBillingEmailJob.config.trigger).toEqual({ event: "billing/email.requested" });
    expect(jobs).toContain(sendBillingEmailJob);
  });
});

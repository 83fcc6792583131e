import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import type { StepTools } from "@/lib/jobs/define";

vi.mock("@/lib/reports/audit-report", () => ({
  renderAndStoreReport: vi.fn(async (id: string) => ({ key: `reports/${id}.pdf`, bytes: 1234 })),
  sendReportReadyEmail: vi.fn(async () => ({ sent: true })),
  markReportFailed: vi.fn(async () => {}),
}));
vi.mock("@/lib/audit-runs/reaudit", () => ({ requestDueReaudits: vi.fn(async () => ({ requested: 2 })) }));

const reports = await import("@/lib/reports/audit-report");
const { renderReport } = await import("./render-report");
const { monthlyReaudit } = await import("./monthly-reaudit");

describe("render-report and monthly-reaudit step logic", () => {
  it("renders and stores the PDF, then emails the customer", async () => {
    const t = new InngestTestEngine({
      function: renderReport.inngestFunction,
      events: [{ name: "audit/completed", data: { auditId: "a9" } }],
    });
    const { result } = await t.execute();
    expect(result).toEqual({ key: "reports/a9.pdf", bytes: 1234 });
    expect(reports.sendReportReadyEmail).toHaveBeenCalledWith("a9");
  });

  it("a failed render marks the report failed", async () => {
    const step = {
      run: vi.fn(async (_id: string, fn: () => unknown) => fn()),
      sendEvent: vi.fn(),
      sleep: vi.fn(),
    } as unknown as StepTools;
    await renderReport.onFailure!({
      event: { name: "audit/completed", data: { auditId: "a9" } },
      error: { message: "boom" },
      step,
      attempt: 3,
      runId: "r",
    });
    expect(reports.markReportFailed).toHaveBeenCalledWith("a9", "boom");
  });

  it("the daily cron requests due re-audits", async () => {
    const t = new InngestTestEngine({
      function: monthlyReaudit.inngestFunction,
      events: [{ name: "inngest/scheduled.timer", data: {} }],
    });
    const { result } = await t.execute();
    expect(result).toEqual({ requested: 2 });
    expect(monthlyReaudit.config.trigger).toEqual({ cron: "TZ=UTC 0 3 * * *" });
  });
});

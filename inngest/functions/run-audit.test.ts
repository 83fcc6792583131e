import { InngestTestEngine } from "@inngest/test";
import type { StepTools } from "@/lib/jobs/define";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/audit-runs/lifecycle", () => ({
  startAuditRun: vi.fn(),
  completeAudit: vi.fn(async () => ({ completed: true })),
  failAudit: vi.fn(async () => ({ failed: true, creditReturned: true })),
  customerReason: vi.fn(() => "we could not reach your site."),
  sendAuditFailedEmail: vi.fn(async () => {}),
}));
vi.mock("@/lib/audit-runs/crawl", () => ({ crawlChunk: vi.fn() }));
vi.mock("@/lib/audit-runs/analyse", () => ({
  analyseAuditSite: vi.fn(async () => ({ findings: 2 })),
  analyseKeywords: vi.fn(async () => ({ keywords: 1 })),
  auditCompetitor: vi.fn(async (_id: string, url: string) => ({ url, score: 50, categories: {}, pages: 5 })),
  saveCompetitors: vi.fn(async () => {}),
  scoreAudit: vi.fn(async () => ({ score: 77, pages: 25, findings: 9 })),
}));

const lifecycle = await import("@/lib/audit-runs/lifecycle");
const crawl = await import("@/lib/audit-runs/crawl");
const analyse = await import("@/lib/audit-runs/analyse");
const { runAudit } = await import("./run-audit");

const event = { name: "audit/requested", data: { auditId: "a1", userId: "u1" } } as const;
const emitted = { id: "emit-completed", handler: () => ({ ids: ["evt"] }) };
const engine = () => new InngestTestEngine({ function: runAudit.inngestFunction, events: [event] });

describe("run-audit step logic", () => {
  beforeEach(() => vi.clearAllMocks());

  it("crawls in chunks until done, then analyses, scores, completes and emits audit/completed", async () => {
    vi.mocked(lifecycle.startAuditRun).mockResolvedValue({
      started: true,
      siteUrl: "https://ex.com/",
      budget: 500,
      competitors: ["https://c.com/"],
    });
    vi.mocked(crawl.crawlChunk)
      .mockResolvedValueOnce({ fetched: 10, pagesDone: 10, queued: 5, done: false })
      .mockResolvedValueOnce({ fetched: 10, pagesDone: 20, queued: 5, done: false })
      .mockResolvedValueOnce({ fetched: 5, pagesDone: 25, queued: 0, done: true });
    // The real step would need an Inngest event key: mock its output.
    const { result, ctx } = await engine().execute({ steps: [emitted] });
    expect(result).toEqual({ auditId: "a1", score: 77, pages: 25, findings: 9 });
    expect(crawl.crawlChunk).toHaveBeenCalledTimes(3);
    expect(analyse.auditCompetitor).toHaveBeenCalledWith("a1", "https://c.com/");
    expect(analyse.saveCompetitors).toHaveBeenCalledWith("a1", [
      { url: "https://c.com/", score: 50, categories: {}, pages: 5 },
    ]);
    expect(lifecycle.completeAudit).toHaveBeenCalledWith("a1");
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("emit-completed", [
      { name: "audit/completed", data: { auditId: "a1" }, id: "audit-completed-a1" },
    ]);
  });

  it("does nothing when the audit was already started (duplicate request)", async () => {
    vi.mocked(lifecycle.startAuditRun).mockResolvedValue({ started: false });
    const { result } = await engine().execute();
    expect(result).toEqual({ skipped: true });
    expect(crawl.crawlChunk).not.toHaveBeenCalled();
  });

  it("does not emit audit/completed when the audit was cancelled meanwhile", async () => {
    vi.mocked(lifecycle.startAuditRun).mockResolvedValue({
      started: true,
      siteUrl: "https://ex.com/",
      budget: 500,
      competitors: [],
    });
    vi.mocked(crawl.crawlChunk).mockResolvedValue({ fetched: 1, pagesDone: 1, queued: 0, done: true });
    vi.mocked(lifecycle.completeAudit).mockResolvedValueOnce({ completed: false });
    const { result, ctx } = await engine().execute();
    expect(result).toEqual({ cancelled: true });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
  });

  it("resumes from seeded steps without re-running them", async () => {
    vi.mocked(crawl.crawlChunk).mockResolvedValue({ fetched: 3, pagesDone: 23, queued: 0, done: true });
    const { result } = await engine().execute({
      steps: [
        emitted,
        {
          id: "mark-running",
          handler: () => ({ started: true, siteUrl: "https://ex.com/", budget: 500, competitors: [] }),
        },
        { id: "crawl-0", handler: () => ({ fetched: 20, pagesDone: 20, queued: 3, done: false }) },
      ],
    });
    expect(result).toMatchObject({ auditId: "a1", score: 77 });
    expect(lifecycle.startAuditRun).not.toHaveBeenCalled();
    expect(crawl.crawlChunk).toHaveBeenCalledTimes(1);
  });

  it("onFailure marks the audit failed with a readable reason, returns the credit and emails", async () => {
    const step = {
      run: vi.fn(async (_id: string, fn: () => unknown) => fn()),
      sendEvent: vi.fn(),
      sleep: vi.fn(),
    } as unknown as StepTools;
    await runAudit.onFailure!({ event, error: { message: "connect ECONNREFUSED" }, step, attempt: 3, runId: "r1" });
    expect(lifecycle.failAudit).toHaveBeenCalledWith("a1", "we could not reach your site.");
    expect(lifecycle.sendAuditFailedEmail).toHaveBeenCalledWith("a1", true);
  });

  it("declares the concurrency, retries, idempotency and cancellation the pipeline relies on", () => {
    expect(runAudit.config).toMatchObject({
      retries: 3,
      idempotency: "event.data.auditId",
      concurrency: [{ key: "event.data.userId", limit: 1 }, { limit: expect.any(Number) }],
      cancelOn: [{ event: "audit/cancelled", match: "data.auditId" }],
    });
  });
});

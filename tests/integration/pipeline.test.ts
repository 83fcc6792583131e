import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { jobs } from "@/inngest/functions";
import { sendEvent } from "@/lib/jobs/send-event";
import { startRunner, type Runner } from "@/lib/jobs/runner/runner";
import { cancelAudit } from "@/lib/audit-runs/lifecycle";
import { getReportPdf } from "@/lib/reports/audit-report";
import { resetDb } from "../db";
import { createCustomerAudit, serveFixtureSite, until } from "./pipeline.helpers";
import { PLANS } from "@/lib/billing/plans";

let site: Awaited<ReturnType<typeof serveFixtureSite>>;
let runner: Runner | undefined;
const start = () => (runner = startRunner({ jobs, pollMs: 20, leaseMs: 5000, backoffMs: () => 20, crons: false }));
const auditRow = async (id: string) => (await db().select().from(schema.audits).where(eq(schema.audits.id, id)))[0]!;

describe("audit pipeline through the in-process runner", () => {
  beforeAll(async () => {
    site = await serveFixtureSite(30);
  });
  afterAll(() => site.close());
  beforeEach(resetDb);
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
  });

  it("runs an audit end to end: statuses, progress, findings, PDF and one email", async () => {
    const { audit, user } = await createCustomerAudit(site.url);
    start();
    await sendEvent({ name: "audit/requested", data: { auditId: audit.id }, id: `audit-requested-${audit.id}` });
    const seen = new Set<string>();
    let sawProgress = false;
    await until(async () => {
      const a = await auditRow(audit.id);
      seen.add(a.status);
      if (a.status === "running" && (a.progress?.pagesDone ?? 0) > 0) sawProgress = true;
      const [r] = await db().select().from(schema.reports).where(eq(schema.reports.auditId, audit.id));
      return r?.status === "ready";
    });
    const a = await auditRow(audit.id);
    expect(a.status).toBe("completed");
    expect([...seen].filter((s) => s !== "completed").every((s) => s === "pending" || s === "running")).toBe(true);
    expect(a.progress).toMatchObject({ phase: "done", pagesDone: 32, budget: PLANS.pro.limits.pagesPerAudit });
    expect(sawProgress || seen.has("running")).toBe(true);
    expect(a.score).toBeGreaterThan(0);
    expect(a.score).toBeLessThan(100);
    const findings = await db().select().from(schema.auditFindings).where(eq(schema.auditFindings.auditId, audit.id));
    // slow-response depends on how busy the machine is (the fixture server shares this process with PGlite).
    const checks = new Set(findings.map((f) => f.check).filter((c) => c !== "slow-response"));
    expect(checks).toEqual(
      new Set([
        // planted in the fixture site
        "title-missing",
        "h1-missing",
        "http-4xx",
        "image-alt-missing",
        "keyword-not-targeted",
        // what the full engine (lib/audit) also finds on these minimal pages
        "canonical-missing",
        "duplicate-content",
        "keyword-cannibalization",
        "meta-description-duplicate",
        "not-https",
        "open-graph-missing",
        "robots-txt-missing",
        "sitemap-missing",
        "thin-content",
        "title-too-short",
        "viewport-missing",
      ]),
    );
    expect(findings.find((f) => f.check === "http-4xx")).toMatchObject({ url: expect.stringMatching(/\/missing$/) });
    expect(findings.find((f) => f.check === "keyword-not-targeted")?.details).toMatchObject({ keyword: "unicorns" });

    const pdf = await getReportPdf(audit.id, { id: user.id, role: "user" });
    expect(pdf && pdf.ready).toBe(true);
    const file = path.join(os.tmpdir(), `report-${audit.id}.pdf`);
    fs.writeFileSync(file, (pdf as { data: Buffer }).data);
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
    expect(text).toContain(site.url);
    expect(text).toContain(`${a.score}\nHealth score / 100`);
    expect(await getReportPdf(audit.id, { id: "someone-else", role: "user" })).toBeNull();

    const mails = await db().select().from(schema.emailOutbox).where(eq(schema.emailOutbox.to, user.email));
    expect(mails.map((m) => m.template)).toEqual(["audit-report-ready"]);
  });

  it("a duplicate audit/requested (same or different event id) makes one run", async () => {
    const { audit } = await createCustomerAudit(site.url);
    await sendEvent({ name: "audit/requested", data: { auditId: audit.id }, id: "dup-1" });
    await sendEvent({ name: "audit/requested", data: { auditId: audit.id }, id: "dup-1" });
    await sendEvent({ name: "audit/requested", data: { auditId: audit.id }, id: "dup-2" });
    start();
    await until(async () => (await auditRow(audit.id)).status === "completed");
    await until(async () => (await db().select().from(schema.reports)).some((r) => r.status === "ready"));
    const runs = await db().select().from(schema.jobRuns).where(eq(schema.jobRuns.functionId, "run-audit"));
    expect(runs).toHaveLength(1);
    const crawls = await db().select().from(schema.jobSteps).where(eq(schema.jobSteps.runId, runs[0]!.id));
    expect(crawls.filter((s) => s.stepId === "mark-running")).toHaveLength(1);
  });

  it("the owner cancels a running audit and the run stops", async () => {
    const slow = await serveFixtureSite(200, { delayMs: 30 });
    try {
      const { audit, user } = await createCustomerAudit(slow.url);
      start();
      await sendEvent({ name: "audit/requested", data: { auditId: audit.id } });
      await until(async () => ((await auditRow(audit.id)).progress?.pagesDone ?? 0) > 0);
      await expect(cancelAudit(audit.id, "not-the-owner")).rejects.toMatchObject({ code: "not_found" });
      await cancelAudit(audit.id, user.id);
      const run = await until(
        async () =>
          (
            await db()
              .select()
              .from(schema.jobRuns)
              .where(and(eq(schema.jobRuns.functionId, "run-audit"), eq(schema.jobRuns.status, "cancelled")))
          )[0],
      );
      expect(run.status).toBe("cancelled");
      await new Promise((r) => setTimeout(r, 300));
      const a = await auditRow(audit.id);
      expect(a.status).toBe("cancelled");
      expect(a.score).toBeNull();
      await expect(cancelAudit(audit.id, user.id)).rejects.toMatchObject({ code: "conflict" });
    } finally {
      await slow.close();
    }
  });

  it("a step failing through every retry fails the audit, returns the credit and emails the customer", async () => {
    const { audit, user, subscriptionId } = await createCustomerAudit("ftp://127.0.0.1/");
    start();
    await sendEvent({ name: "audit/requested", data: { auditId: audit.id } });
    const a = await until(async () => {
      const x = await auditRow(audit.id);
      return x.status === "failed" && x;
    });
    expect(a.error).toMatch(/could not reach your site/);
    expect(a.creditReturned).toBe(1);
    const [sub] = await db().select().from(schema.subscriptions).where(eq(schema.subscriptions.id, subscriptionId));
    expect(sub!.auditsUsed).toBe(0);
    const mail = await until(
      async () => (await db().select().from(schema.emailOutbox).where(eq(schema.emailOutbox.to, user.email)))[0],
    );
    expect(mail.template).toBe("audit-failed");
    const [run] = await db().select().from(schema.jobRuns).where(eq(schema.jobRuns.functionId, "run-audit"));
    expect(run).toMatchObject({ status: "failed", attempt: 4 });
    const [step] = await db()
      .select()
      .from(schema.jobSteps)
      .where(and(eq(schema.jobSteps.runId, run!.id), eq(schema.jobSteps.stepId, "crawl-0")));
    expect(step).toMatchObject({ status: "failed", attempts: 4 });
  });

  it("an unreachable site fails the audit with a readable reason instead of scoring one broken page", async () => {
    const { audit } = await createCustomerAudit("http://127.0.0.1:9/");
    start();
    await sendEvent({ name: "audit/requested", data: { auditId: audit.id } });
    const a = await until(async () => {
      const x = await auditRow(audit.id);
      return x.status === "failed" && x;
    });
    expect(a.error).toBe(
      "we could not reach your site. Check that it is online and publicly reachable, then run the audit again.",
    );
    expect(a.score).toBeNull();
  });
});

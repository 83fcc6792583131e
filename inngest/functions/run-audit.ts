import { defineJob } from "@/lib/jobs/define";
import { jobsConfig } from "@/lib/jobs/config";
import {
  startAuditRun,
  completeAudit,
  failAudit,
  customerReason,
  sendAuditFailedEmail,
} from "@/lib/audit-runs/lifecycle";
import { crawlChunk } from "@/lib/audit-runs/crawl";
import {
  analyseAuditSite,
  analyseKeywords,
  auditCompetitor,
  saveCompetitors,
  scoreAudit,
  type CompetitorRow,
} from "@/lib/audit-runs/analyse";

/** Pages fetched per durable step: a crash repeats at most this much work. */
export const CRAWL_CHUNK_PAGES = Number(process.env.AUDIT_CHUNK_PAGES ?? 100);

/**
 * audit/requested → a finished audit. Each step calls one domain function and
 * returns only ids and counts; pages and findings go straight to the database.
 */
export const runAudit = defineJob(
  {
    id: "run-audit",
    trigger: { event: "audit/requested" },
    retries: 3,
    idempotency: "event.data.auditId",
    concurrency: [{ key: "event.data.userId", limit: 1 }, { limit: jobsConfig().AUDIT_CONCURRENCY }],
    cancelOn: [{ event: "audit/cancelled", match: "data.auditId" }],
  },
  async ({ event, step }) => {
    const { auditId } = event.data;
    const start = await step.run("mark-running", () => startAuditRun(auditId));
    if (!start.started) return { skipped: true };
    for (let i = 0; ; i++) {
      const chunk = await step.run(`crawl-${i}`, () =>
        crawlChunk(auditId, { startUrl: start.siteUrl, budget: start.budget, max: CRAWL_CHUNK_PAGES }),
      );
      if (chunk.done || chunk.fetched === 0) break;
    }
    await step.run("analyse-site", () => analyseAuditSite(auditId));
    await step.run("keywords", () => analyseKeywords(auditId));
    const competitors: CompetitorRow[] = [];
    for (const [i, url] of start.competitors.entries()) {
      competitors.push(await step.run(`competitor-${i}`, () => auditCompetitor(auditId, url)));
    }
    await step.run("save-competitors", () => saveCompetitors(auditId, competitors));
    const score = await step.run("score", () => scoreAudit(auditId));
    const done = await step.run("mark-completed", () => completeAudit(auditId));
    if (!done.completed) return { cancelled: true };
    await step.sendEvent("emit-completed", {
      name: "audit/completed",
      data: { auditId },
      id: `audit-completed-${auditId}`,
    });
    return { auditId, ...score };
  },
  async ({ event, error, step }) => {
    const { auditId } = event.data;
    const r = await step.run("mark-failed", () => failAudit(auditId, customerReason(error.message)));
    if (r.failed) await step.run("email-customer", () => sendAuditFailedEmail(auditId, r.creditReturned));
  },
);

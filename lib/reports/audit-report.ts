import { and, desc, eq, lt, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { isPlanId, PLANS } from "@/lib/billing/plans";
import { auditEngine } from "@/lib/audit-runs/engine";
import { sendEmail } from "@/lib/email/send-email";
import { auditReportReadyEmail } from "@/lib/email/templates/audit-report-ready";
import { env } from "@/lib/env";
import { storage } from "@/lib/storage";
import { renderAuditPdf } from "./render-audit-pdf";
import type { ReportData } from "./types";

const APPENDIX_ROWS = 1000;
const FINDING_ROWS = 20_000;

/** Reads a completed audit (and the previous audit of the same site) into the report's shape. */
export async function loadReportData(auditId: string): Promise<ReportData> {
  const [row] = await db()
    .select({ a: schema.audits, u: schema.users })
    .from(schema.audits)
    .leftJoin(schema.users, eq(schema.users.id, schema.audits.userId))
    .where(eq(schema.audits.id, auditId));
  if (!row) throw new Error(`audit ${auditId} not found`);
  const { a, u } = row;
  const onTarget = (t: typeof schema.auditPages | typeof schema.auditFindings) =>
    and(eq(t.auditId, auditId), eq(t.site, "target"));
  const pages = await db()
    .select({
      url: schema.auditPages.url,
      status: schema.auditPages.status,
      title: schema.auditPages.title,
      depth: schema.auditPages.depth,
    })
    .from(schema.auditPages)
    .where(onTarget(schema.auditPages))
    .orderBy(schema.auditPages.depth, schema.auditPages.url)
    .limit(APPENDIX_ROWS);
  const [pc] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.auditPages)
    .where(onTarget(schema.auditPages));
  const findings = await db()
    .select({
      check: schema.auditFindings.check,
      category: schema.auditFindings.category,
      severity: schema.auditFindings.severity,
      url: schema.auditFindings.url,
      message: schema.auditFindings.message,
    })
    .from(schema.auditFindings)
    .where(onTarget(schema.auditFindings))
    .limit(FINDING_ROWS);
  const [prev] = await db()
    .select({ date: schema.audits.finishedAt, score: schema.audits.score, categories: schema.audits.categories })
    .from(schema.audits)
    .where(
      and(
        eq(schema.audits.siteUrl, a.siteUrl),
        a.userId ? eq(schema.audits.userId, a.userId) : sql`false`,
        eq(schema.audits.status, "completed"),
        lt(schema.audits.createdAt, a.createdAt),
      ),
    )
    .orderBy(desc(schema.audits.createdAt))
    .limit(1);
  const summary = (a.summary ?? {}) as { keywords?: ReportData["keywords"]; competitors?: ReportData["competitors"] };
  const enterprise = isPlanId(a.plan) && PLANS[a.plan].whiteLabel;
  const companyName = a.companyName ?? u?.companyName ?? null;
  return {
    siteUrl: a.siteUrl,
    plan: a.plan,
    date: a.finishedAt ?? new Date(),
    score: a.score ?? 0,
    categories: a.categories ?? {},
    pages,
    pageCount: pc?.n ?? pages.length,
    findings,
    keywords: summary.keywords ?? [],
    competitors: summary.competitors ?? [],
    previous:
      prev?.score != null && prev.date
        ? { date: prev.date, score: prev.score, categories: prev.categories ?? {} }
        : null,
    catalogue: auditEngine.catalogue,
    whiteLabel: enterprise && companyName ? { companyName, logoUrl: u?.companyLogoUrl ?? null } : null,
  };
}

export const reportKey = (auditId: string) => `reports/${auditId}.pdf`;

/** Renders and stores the PDF, then marks the report ready. Safe to repeat. */
export async function renderAndStoreReport(auditId: string): Promise<{ key: string; bytes: number }> {
  await db().insert(schema.reports).values({ auditId }).onConflictDoNothing();
  const pdf = await renderAuditPdf(await loadReportData(auditId));
  const key = reportKey(auditId);
  await storage().put(key, pdf, "application/pdf");
  await db()
    .update(schema.reports)
    .set({ status: "ready", storageKey: key, sizeBytes: pdf.length, readyAt: new Date(), error: null })
    .where(eq(schema.reports.auditId, auditId));
  return { key, bytes: pdf.length };
}

export async function markReportFailed(auditId: string, error: string): Promise<void> {
  await db()
    .insert(schema.reports)
    .values({ auditId, status: "failed", error })
    .onConflictDoUpdate({ target: schema.reports.auditId, set: { status: "failed", error } });
}

/** The "your report is ready" email, once per audit. */
export async function sendReportReadyEmail(auditId: string): Promise<{ sent: boolean }> {
  const [row] = await db()
    .select({ a: schema.audits, u: schema.users })
    .from(schema.audits)
    .innerJoin(schema.users, eq(schema.users.id, schema.audits.userId))
    .where(eq(schema.audits.id, auditId));
  if (!row) return { sent: false };
  const base = env().APP_URL;
  const r = await sendEmail({
    to: row.u.email,
    userId: row.u.id,
    template: auditReportReadyEmail,
    props: {
      name: row.u.name,
      siteUrl: row.a.siteUrl,
      score: row.a.score,
      reportUrl: `${base}/api/audits/${auditId}/report`,
      dashboardUrl: `${base}/dashboard/audits/${auditId}`,
    },
    dedupeKey: `audit-report-ready:${auditId}`,
  });
  return { sent: !r.deduped };
}

/** The stored PDF of an audit the viewer may see (owner or admin), else null. */
export async function getReportPdf(auditId: string, viewer: { id: string; role: string }) {
  const [row] = await db()
    .select({
      userId: schema.audits.userId,
      siteUrl: schema.audits.siteUrl,
      status: schema.reports.status,
      key: schema.reports.storageKey,
    })
    .from(schema.audits)
    .leftJoin(schema.reports, eq(schema.reports.auditId, schema.audits.id))
    .where(eq(schema.audits.id, auditId));
  if (!row || (row.userId !== viewer.id && viewer.role !== "admin")) return null;
  if (row.status !== "ready" || !row.key) return { ready: false as const };
  const file = await storage().get(row.key);
  return file ? { ready: true as const, ...file, siteUrl: row.siteUrl } : { ready: false as const };
}

import { and, desc, eq, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import { auditEngine } from "./engine";

type Viewer = { id: string; role: string };

const canSee = (ownerId: string | null, v: Viewer) => ownerId === v.id || v.role === "admin";

/** The viewer's audits, newest first, for the dashboard list. */
export async function listUserAudits(userId: string, limit = 100) {
  return db()
    .select({
      id: schema.audits.id,
      siteUrl: schema.audits.siteUrl,
      plan: schema.audits.plan,
      status: schema.audits.status,
      score: schema.audits.score,
      progress: schema.audits.progress,
      createdAt: schema.audits.createdAt,
      finishedAt: schema.audits.finishedAt,
      reportStatus: schema.reports.status,
    })
    .from(schema.audits)
    .leftJoin(schema.reports, eq(schema.reports.auditId, schema.audits.id))
    .where(eq(schema.audits.userId, userId))
    .orderBy(desc(schema.audits.createdAt))
    .limit(limit);
}

export type AuditStatusView = Awaited<ReturnType<typeof getAuditStatus>>;

/** Status and progress for live polling (owner or admin; anyone else: not found). */
export async function getAuditStatus(auditId: string, viewer: Viewer) {
  const [row] = await db()
    .select({ a: schema.audits, r: schema.reports })
    .from(schema.audits)
    .leftJoin(schema.reports, eq(schema.reports.auditId, schema.audits.id))
    .where(eq(schema.audits.id, auditId));
  if (!row || !canSee(row.a.userId, viewer)) throw new AppError("not_found", "Audit not found.");
  const { a, r } = row;
  return {
    id: a.id,
    siteUrl: a.siteUrl,
    plan: a.plan,
    status: a.status,
    progress: a.progress,
    score: a.score,
    categories: a.categories,
    error: a.error,
    createdAt: a.createdAt.toISOString(),
    startedAt: a.startedAt?.toISOString() ?? null,
    finishedAt: a.finishedAt?.toISOString() ?? null,
    report: { status: r?.status ?? "pending", url: r?.status === "ready" ? `/api/audits/${a.id}/report` : null },
  };
}

/** Findings grouped by check with how-to-fix text, for the audit page. */
export async function getAuditFindings(auditId: string, viewer: Viewer, perCheck = 50) {
  const status = await getAuditStatus(auditId, viewer);
  const counts = await db()
    .select({
      check: schema.auditFindings.check,
      category: schema.auditFindings.category,
      severity: schema.auditFindings.severity,
      n: sql<number>`count(*)::int`,
    })
    .from(schema.auditFindings)
    .where(and(eq(schema.auditFindings.auditId, auditId), eq(schema.auditFindings.site, "target")))
    .groupBy(schema.auditFindings.check, schema.auditFindings.category, schema.auditFindings.severity);
  const rows = await db()
    .select({ check: schema.auditFindings.check, url: schema.auditFindings.url, message: schema.auditFindings.message })
    .from(schema.auditFindings)
    .where(and(eq(schema.auditFindings.auditId, auditId), eq(schema.auditFindings.site, "target")))
    .limit(5000);
  const order = { error: 0, warning: 1, notice: 2 } as Record<string, number>;
  return {
    audit: status,
    checks: counts
      .sort((x, y) => (order[x.severity] ?? 3) - (order[y.severity] ?? 3) || y.n - x.n)
      .map((c) => ({
        ...c,
        title: auditEngine.catalogue[c.check]?.title ?? c.check,
        howToFix: auditEngine.catalogue[c.check]?.howToFix ?? null,
        examples: rows.filter((r) => r.check === c.check).slice(0, perCheck),
      })),
  };
}

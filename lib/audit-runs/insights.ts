import { and, desc, eq, lt, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import type { ReportData } from "@/lib/reports/types";

type Viewer = { id: string; role: string };

export type AuditInsights = {
  keywords: ReportData["keywords"];
  competitors: ReportData["competitors"];
  previous: { id: string; date: string; score: number; categories: Record<string, number> } | null;
};

/**
 * What the audit page shows beside the findings: the keyword report and the
 * competitor comparison (stored on the audit by the pipeline) and the previous
 * completed audit of the same site, for the trend. Owner or admin only.
 */
export async function getAuditInsights(auditId: string, viewer: Viewer): Promise<AuditInsights> {
  const [a] = await db().select().from(schema.audits).where(eq(schema.audits.id, auditId));
  if (!a || (a.userId !== viewer.id && viewer.role !== "admin")) throw new AppError("not_found", "Audit not found.");
  const summary = (a.summary ?? {}) as Partial<Pick<ReportData, "keywords" | "competitors">>;
  const t = schema.audits;
  const [prev] = a.userId
    ? await db()
        .select({ id: t.id, date: t.finishedAt, score: t.score, categories: t.categories })
        .from(t)
        .where(
          and(
            eq(t.userId, a.userId),
            eq(t.siteUrl, a.siteUrl),
            eq(t.status, "completed"),
            lt(t.createdAt, a.createdAt),
            sql`${t.score} is not null`,
          ),
        )
        .orderBy(desc(t.createdAt))
        .limit(1)
    : [];
  return {
    keywords: summary.keywords ?? [],
    competitors: summary.competitors ?? [],
    previous:
      prev && prev.score !== null
        ? {
            id: prev.id,
            date: (prev.date ?? new Date()).toISOString(),
            score: prev.score,
            categories: prev.categories ?? {},
          }
        : null,
  };
}

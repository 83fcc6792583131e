import { and, eq, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { auditEngine } from "./engine";
import { budgetFor, setPhase } from "./lifecycle";
import { normalise } from "./full-engine";
import { crawlChunk } from "./crawl";

async function auditRow(auditId: string) {
  const [a] = await db().select().from(schema.audits).where(eq(schema.audits.id, auditId));
  if (!a) throw new Error(`audit ${auditId} not found`);
  return a;
}

async function sitePages(auditId: string, site: string) {
  const p = schema.auditPages;
  return db()
    .select({ url: p.url, status: p.status, title: p.title, depth: p.depth, data: p.data })
    .from(p)
    .where(and(eq(p.auditId, auditId), eq(p.site, site)));
}

/** Site-wide checks over every crawled page (duplicates, keywords…); replaces earlier site-level findings. */
export async function analyseAuditSite(auditId: string): Promise<{ findings: number }> {
  await setPhase(auditId, "analysing");
  const a = await auditRow(auditId);
  const pages = await sitePages(auditId, "target");
  const found = await auditEngine.analyseSite(pages, { startUrl: normalise(a.siteUrl), keywords: a.keywords });
  await db().transaction(async (tx) => {
    // Idempotent on retry: site-level findings are tagged and rewritten.
    await tx
      .delete(schema.auditFindings)
      .where(
        and(
          eq(schema.auditFindings.auditId, auditId),
          eq(schema.auditFindings.site, "target"),
          sql`${schema.auditFindings.details} ? 'siteLevel'`,
        ),
      );
    if (found.length)
      await tx
        .insert(schema.auditFindings)
        .values(found.map((f) => ({ auditId, site: "target", ...f, details: { ...f.details, siteLevel: true } })));
  });
  return { findings: found.length };
}

export type KeywordRow = {
  keyword: string;
  pages: number;
  bestPage: string | null;
  inTitle: number;
  inH1: number;
  missing: boolean;
};

export async function analyseKeywords(auditId: string): Promise<{ keywords: number }> {
  await setPhase(auditId, "keywords");
  const a = await auditRow(auditId);
  const pages = await sitePages(auditId, "target");
  const rows: KeywordRow[] = a.keywords.map((kw) => {
    const k = kw.toLowerCase();
    let inTitle = 0;
    let inH1 = 0;
    let best: { url: string; s: number } | null = null;
    for (const p of pages) {
      const t = (p.title ?? "").toLowerCase().includes(k) ? 1 : 0;
      const h = String(p.data.h1 ?? "")
        .toLowerCase()
        .includes(k)
        ? 1
        : 0;
      const d = String(p.data.description ?? "")
        .toLowerCase()
        .includes(k)
        ? 1
        : 0;
      inTitle += t;
      inH1 += h;
      const s = t * 3 + h * 2 + d;
      if (s > 0 && (!best || s > best.s)) best = { url: p.url, s };
    }
    const matched = pages.filter(
      (p) =>
        (p.title ?? "").toLowerCase().includes(k) ||
        String(p.data.h1 ?? "")
          .toLowerCase()
          .includes(k),
    ).length;
    return { keyword: kw, pages: matched, bestPage: best?.url ?? null, inTitle, inH1, missing: matched === 0 };
  });
  await mergeSummary(auditId, { keywords: rows });
  return { keywords: rows.length };
}

export type CompetitorRow = {
  url: string;
  score: number | null;
  categories: Record<string, number>;
  pages: number;
  error?: string;
};

/** Crawls one competitor with 10% of the plan's budget (at least 50 pages) and scores it. */
export async function auditCompetitor(auditId: string, url: string, maxPagesPerChunk = 200): Promise<CompetitorRow> {
  const a = await auditRow(auditId);
  const budget = Math.max(50, Math.round(budgetFor(a.plan) / 10));
  const start = normalise(url);
  await db()
    .insert(schema.auditPages)
    .values({ auditId, site: start, url: start, depth: 0, data: { queued: true } })
    .onConflictDoNothing();
  let row: CompetitorRow;
  try {
    for (;;) {
      const r = await crawlChunk(auditId, {
        site: start,
        startUrl: start,
        budget,
        max: maxPagesPerChunk,
        progress: false,
      });
      if (r.done || r.fetched === 0) break;
    }
    const f = await db()
      .select()
      .from(schema.auditFindings)
      .where(and(eq(schema.auditFindings.auditId, auditId), eq(schema.auditFindings.site, start)));
    const pages = await sitePages(auditId, start);
    const s = auditEngine.score(f, pages.length);
    row = { url: start, score: s.score, categories: s.categories, pages: pages.length };
  } catch (e) {
    row = { url: start, score: null, categories: {}, pages: 0, error: (e as Error).message };
  }
  return row;
}

export async function saveCompetitors(auditId: string, rows: CompetitorRow[]): Promise<void> {
  await mergeSummary(auditId, { competitors: rows });
}

/** Scores the target site and stores score, categories and counts on the audit. */
export async function scoreAudit(auditId: string): Promise<{ score: number; pages: number; findings: number }> {
  await setPhase(auditId, "scoring");
  const f = await db()
    .select({
      check: schema.auditFindings.check,
      category: schema.auditFindings.category,
      severity: schema.auditFindings.severity,
    })
    .from(schema.auditFindings)
    .where(and(eq(schema.auditFindings.auditId, auditId), eq(schema.auditFindings.site, "target")));
  const [pc] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.auditPages)
    .where(and(eq(schema.auditPages.auditId, auditId), eq(schema.auditPages.site, "target")));
  const pages = pc?.n ?? 0;
  const s = auditEngine.score(f, pages);
  const bySeverity = { error: 0, warning: 0, notice: 0 } as Record<string, number>;
  for (const x of f) bySeverity[x.severity] = (bySeverity[x.severity] ?? 0) + 1;
  await db()
    .update(schema.audits)
    .set({ score: s.score, categories: s.categories })
    .where(and(eq(schema.audits.id, auditId), eq(schema.audits.status, "running")));
  await mergeSummary(auditId, { pages, findings: f.length, bySeverity });
  return { score: s.score, pages, findings: f.length };
}

async function mergeSummary(auditId: string, patch: Record<string, unknown>): Promise<void> {
  await db()
    .update(schema.audits)
    .set({ summary: sql`coalesce(${schema.audits.summary}, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb` })
    .where(eq(schema.audits.id, auditId));
}

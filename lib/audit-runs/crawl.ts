import { and, eq, inArray, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { auditEngine } from "./engine";
import { setProgress } from "./lifecycle";

export type ChunkResult = { fetched: number; pagesDone: number; queued: number; done: boolean };

const PARALLEL = 8;

/**
 * Fetches up to `max` queued pages of one site of an audit and writes each page
 * and its findings in one transaction; newly found links join the queue until
 * the budget is reached. The crawl frontier lives in audit_pages
 * (`data.queued`), so a chunk cut short by a crash is simply continued by the
 * retry and no page is fetched twice after it was stored.
 */
export async function crawlChunk(
  auditId: string,
  opts: { site?: string; startUrl: string; budget: number; max: number; progress?: boolean },
): Promise<ChunkResult> {
  const site = opts.site ?? "target";
  const p = schema.auditPages;
  const queuedWhere = and(eq(p.auditId, auditId), eq(p.site, site), sql`${p.data} ? 'queued'`);
  const batch = await db().select().from(p).where(queuedWhere).orderBy(p.depth, p.url).limit(opts.max);
  const [known] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(p)
    .where(and(eq(p.auditId, auditId), eq(p.site, site)));
  // URLs counted against the budget; reserved before each insert so parallel pages cannot overshoot it.
  let reserved = known?.n ?? 0;
  let fetched = 0;
  for (let i = 0; i < batch.length; i += PARALLEL) {
    await Promise.all(
      batch.slice(i, i + PARALLEL).map(async (row) => {
        const page = await auditEngine.fetchPage(row.url, { startUrl: opts.startUrl });
        if (row.depth === 0 && page.status === null) {
          // The site itself is unreachable: fail the step (retried with backoff, then the audit fails and
          // the credit is returned) rather than report a site of one broken page.
          throw new Error(`Could not fetch the start page ${row.url}: ${String(page.data.error ?? "no response")}`);
        }
        await db().transaction(async (tx) => {
          let fresh = page.links;
          if (fresh.length) {
            const seen = await tx
              .select({ url: p.url })
              .from(p)
              .where(and(eq(p.auditId, auditId), eq(p.site, site), inArray(p.url, fresh)));
            const seenSet = new Set(seen.map((r) => r.url));
            fresh = fresh.filter((u) => !seenSet.has(u));
          }
          const take = Math.max(0, Math.min(fresh.length, opts.budget - reserved));
          reserved += take;
          if (take > 0) {
            const added = await tx
              .insert(p)
              .values(
                fresh
                  .slice(0, take)
                  .map((url) => ({ auditId, site, url, depth: (row.depth ?? 0) + 1, data: { queued: true } })),
              )
              .onConflictDoNothing()
              .returning({ id: p.id });
            reserved -= take - added.length;
          }
          await tx.update(p).set({ status: page.status, title: page.title, data: page.data }).where(eq(p.id, row.id));
          if (page.findings.length) {
            await tx
              .insert(schema.auditFindings)
              .values(page.findings.map((f) => ({ auditId, site, ...f, details: f.details ?? {} })));
          }
        });
        fetched++;
      }),
    );
  }
  const [c] = await db()
    .select({
      done: sql<number>`count(*) filter (where not (${p.data} ? 'queued'))::int`,
      queued: sql<number>`count(*) filter (where ${p.data} ? 'queued')::int`,
    })
    .from(p)
    .where(and(eq(p.auditId, auditId), eq(p.site, site)));
  const result = { fetched, pagesDone: c?.done ?? 0, queued: c?.queued ?? 0, done: (c?.queued ?? 0) === 0 };
  if (opts.progress !== false)
    await setProgress(auditId, {
      phase: "crawling",
      pagesDone: result.pagesDone,
      queued: result.queued,
      budget: opts.budget,
    });
  return result;
}

import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { db, schema } from "@/db";

export type JobRunSummary = Pick<
  typeof schema.jobRuns.$inferSelect,
  "id" | "functionId" | "eventName" | "status" | "attempt" | "error" | "createdAt" | "startedAt" | "finishedAt"
>;

/** Recent runs for the admin system-health page, newest first. */
export async function listJobRuns(opts: { limit?: number; status?: (typeof schema.JOB_RUN_STATUSES)[number][] } = {}) {
  const r = schema.jobRuns;
  return db()
    .select({
      id: r.id,
      functionId: r.functionId,
      eventName: r.eventName,
      status: r.status,
      attempt: r.attempt,
      error: r.error,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
    })
    .from(r)
    .where(opts.status ? inArray(r.status, opts.status) : undefined)
    .orderBy(desc(r.createdAt))
    .limit(opts.limit ?? 50);
}

/** One run with its steps (attempts, errors, durations). */
export async function getJobRun(id: string) {
  const [run] = await db().select().from(schema.jobRuns).where(eq(schema.jobRuns.id, id));
  if (!run) return null;
  const steps = await db()
    .select({
      stepId: schema.jobSteps.stepId,
      kind: schema.jobSteps.kind,
      status: schema.jobSteps.status,
      attempts: schema.jobSteps.attempts,
      error: schema.jobSteps.error,
      startedAt: schema.jobSteps.startedAt,
      completedAt: schema.jobSteps.completedAt,
      durationMs: schema.jobSteps.durationMs,
    })
    .from(schema.jobSteps)
    .where(eq(schema.jobSteps.runId, id))
    .orderBy(schema.jobSteps.startedAt);
  return { ...run, steps };
}

/** Counts by status, pending events and live workers: the headline numbers. */
export async function jobStats(now = new Date()) {
  const byStatus = await db()
    .select({ status: schema.jobRuns.status, n: sql<number>`count(*)::int` })
    .from(schema.jobRuns)
    .groupBy(schema.jobRuns.status);
  const [pending] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.jobEvents)
    .where(eq(schema.jobEvents.status, "pending"));
  const workers = await db()
    .select()
    .from(schema.jobWorkers)
    .where(and(gt(schema.jobWorkers.heartbeatAt, new Date(now.getTime() - 30_000))));
  return {
    runs: Object.fromEntries(byStatus.map((s) => [s.status, s.n])) as Record<string, number>,
    pendingEvents: pending?.n ?? 0,
    workers,
  };
}

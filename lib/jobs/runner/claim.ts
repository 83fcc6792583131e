import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import type { Executable } from "./registry";

export type JobRun = typeof schema.jobRuns.$inferSelect;

/**
 * Claims one due run for this worker: queued runs only when their function's
 * concurrency limits allow (global per function, and per key such as the
 * customer), running runs (retry backoff elapsed, sleep over, or lease of a
 * dead worker expired) always. Rows are locked FOR UPDATE SKIP LOCKED; the
 * advisory lock serializes the capacity check across app instances.
 */
export async function claimRun(
  registry: Map<string, Executable>,
  workerId: string,
  leaseMs: number,
): Promise<JobRun | null> {
  return db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('job-runner-claim'))`);
    const now = new Date();
    const candidates = await tx
      .select()
      .from(schema.jobRuns)
      .where(
        and(
          inArray(schema.jobRuns.status, ["queued", "running"]),
          lte(schema.jobRuns.runAfter, now),
          inArray(schema.jobRuns.functionId, [...registry.keys()]),
          or(isNull(schema.jobRuns.lockedUntil), lt(schema.jobRuns.lockedUntil, now)),
          // Skip queued runs whose key is already busy, so one customer's backlog cannot starve the others.
          sql`not (${schema.jobRuns.status} = 'queued' and ${schema.jobRuns.concurrencyKey} is not null and exists (
            select 1 from job_runs busy where busy.function_id = ${schema.jobRuns.functionId}
              and busy.concurrency_key = ${schema.jobRuns.concurrencyKey} and busy.status = 'running'))`,
        ),
      )
      .orderBy(schema.jobRuns.runAfter)
      .limit(50)
      .for("update", { skipLocked: true });
    for (const run of candidates) {
      if (run.status === "queued" && !(await hasCapacity(tx, registry, run))) continue;
      const [claimed] = await tx
        .update(schema.jobRuns)
        .set({
          status: "running",
          lockedBy: workerId,
          lockedUntil: new Date(now.getTime() + leaseMs),
          startedAt: run.startedAt ?? now,
          updatedAt: now,
        })
        .where(eq(schema.jobRuns.id, run.id))
        .returning();
      return claimed ?? null;
    }
    return null;
  });
}

type Q = Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0];

async function hasCapacity(tx: Q, registry: Map<string, Executable>, run: JobRun): Promise<boolean> {
  const exe = registry.get(run.functionId);
  if (!exe || exe.failure) return true;
  for (const c of exe.def.config.concurrency ?? []) {
    const conds = [eq(schema.jobRuns.functionId, run.functionId), eq(schema.jobRuns.status, "running")];
    if (c.key) {
      if (run.concurrencyKey === null) continue;
      conds.push(eq(schema.jobRuns.concurrencyKey, run.concurrencyKey));
    }
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.jobRuns)
      .where(and(...conds));
    if ((row?.n ?? 0) >= c.limit) return false;
  }
  return true;
}

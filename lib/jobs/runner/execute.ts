import { and, eq, sql } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import { db, schema } from "@/db";
import { logger } from "@/lib/log/logger";
import type { StepTools } from "../define";
import { sendEvent } from "../send-event";
import type { JobRun } from "./claim";
import { createRun } from "./dispatch";
import { FAILURE_SUFFIX, type Executable } from "./registry";

/** Stops the handler without failing the run (cancelled, sleeping, or lease lost). */
class Interrupt extends Error {
  constructor(readonly reason: "cancelled" | "sleep" | "lost") {
    super(`run interrupted: ${reason}`);
  }
}

class StepFailed extends Error {
  constructor(
    readonly stepId: string,
    readonly original: unknown,
  ) {
    super(original instanceof Error ? original.message : String(original));
  }
}

export type ExecuteOptions = { workerId: string; backoffMs: (attempt: number) => number };

type StoredStep = { status: string; output: unknown; completedAt: Date | null };

const MAX_ERROR = 2000;

/**
 * Runs a claimed run from its first incomplete step. Completed steps return
 * their persisted output without running again (so handlers must be
 * deterministic, as on Inngest); each new step's output is persisted the moment
 * it completes. A failing step schedules a retry with backoff; after the last
 * retry the run fails and its onFailure run is queued.
 */
export async function executeRun(run: JobRun, exe: Executable, opts: ExecuteOptions): Promise<void> {
  const rows = await db().select().from(schema.jobSteps).where(eq(schema.jobSteps.runId, run.id));
  const done = new Map<string, StoredStep>(rows.map((r) => [r.stepId, r]));
  const counts = new Map<string, number>();
  const uniqueId = (id: string) => {
    const n = counts.get(id) ?? 0;
    counts.set(id, n + 1);
    return n === 0 ? id : `${id}:${n}`;
  };

  const guard = async () => {
    const [cur] = await db()
      .select({ status: schema.jobRuns.status, lockedBy: schema.jobRuns.lockedBy })
      .from(schema.jobRuns)
      .where(eq(schema.jobRuns.id, run.id));
    if (!cur || cur.status === "cancelled") throw new Interrupt("cancelled");
    if (cur.lockedBy !== opts.workerId) throw new Interrupt("lost");
  };

  const step: StepTools = {
    async run<T>(id: string, fn: () => T | Promise<T>): Promise<T> {
      const sid = uniqueId(id);
      const prev = done.get(sid);
      if (prev?.status === "completed") return unwrap(prev.output) as T;
      await guard();
      const started = new Date();
      let out: T;
      try {
        out = await fn();
      } catch (e) {
        if (e instanceof Interrupt) throw e;
        await recordStepError(run.id, sid, started, e);
        throw new StepFailed(sid, e);
      }
      const json = toJson(out);
      await saveStep(run.id, sid, "run", json, started);
      // Same value a replay returns: JSON, with undefined as null.
      return (json === undefined ? null : json) as T;
    },
    async sendEvent(id, events) {
      const sid = uniqueId(id);
      if (done.get(sid)?.status === "completed") return;
      await guard();
      const list = Array.isArray(events) ? events : [events];
      // Step row and events commit together: the events are sent exactly once.
      await db().transaction(async (tx) => {
        const [row] = await tx
          .insert(schema.jobSteps)
          .values({
            runId: run.id,
            stepId: sid,
            kind: "sendEvent",
            status: "completed",
            attempts: 1,
            output: { v: null },
            startedAt: new Date(),
            completedAt: new Date(),
            durationMs: 0,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return;
        for (const e of list) await sendEvent(e, { tx });
      });
    },
    async sleep(id, duration) {
      const sid = uniqueId(id);
      const prev = done.get(sid);
      if (prev?.status === "completed") return;
      if (prev?.status === "sleeping" && prev.completedAt && prev.completedAt <= new Date()) {
        await db()
          .update(schema.jobSteps)
          .set({ status: "completed" })
          .where(and(eq(schema.jobSteps.runId, run.id), eq(schema.jobSteps.stepId, sid)));
        return;
      }
      await guard();
      const wakeAt = prev?.completedAt ?? new Date(Date.now() + toMs(duration));
      await db()
        .insert(schema.jobSteps)
        .values({
          runId: run.id,
          stepId: sid,
          kind: "sleep",
          status: "sleeping",
          startedAt: new Date(),
          completedAt: wakeAt,
        })
        .onConflictDoNothing();
      await release(run.id, opts.workerId, { runAfter: wakeAt });
      throw new Interrupt("sleep");
    },
  };

  const ctxBase = { step, attempt: run.attempt, runId: run.id };
  try {
    let output: unknown;
    if (exe.failure) {
      const ev = run.event as unknown as { data: { event: never; error: { message: string } } };
      output = await exe.def.onFailure!({ ...ctxBase, event: ev.data.event, error: ev.data.error });
    } else {
      output = await exe.def.handler({ ...ctxBase, event: run.event as never });
    }
    await db()
      .update(schema.jobRuns)
      .set({
        status: "completed",
        output: toJson(output) ?? null,
        finishedAt: new Date(),
        updatedAt: new Date(),
        lockedBy: null,
        lockedUntil: null,
        error: null,
      })
      .where(
        and(
          eq(schema.jobRuns.id, run.id),
          eq(schema.jobRuns.status, "running"),
          eq(schema.jobRuns.lockedBy, opts.workerId),
        ),
      );
  } catch (e) {
    if (e instanceof Interrupt) return;
    await handleFailure(run, exe, e, opts);
  }
}

async function handleFailure(run: JobRun, exe: Executable, e: unknown, opts: ExecuteOptions) {
  const original = e instanceof StepFailed ? e.original : e;
  const message = (original instanceof Error ? original.message : String(original)).slice(0, MAX_ERROR);
  const retries = exe.def.config.retries ?? 3;
  const attempt = run.attempt + 1;
  const final = original instanceof NonRetriableError || attempt > retries;
  logger.warn({ runId: run.id, functionId: run.functionId, attempt, final, err: message }, "job step failed");
  if (!final) {
    await db()
      .update(schema.jobRuns)
      .set({ attempt, error: message, updatedAt: new Date() })
      .where(eq(schema.jobRuns.id, run.id));
    await release(run.id, opts.workerId, { runAfter: new Date(Date.now() + opts.backoffMs(attempt)) });
    return;
  }
  await db().transaction(async (tx) => {
    const [failed] = await tx
      .update(schema.jobRuns)
      .set({
        status: "failed",
        attempt,
        error: message,
        finishedAt: new Date(),
        updatedAt: new Date(),
        lockedBy: null,
        lockedUntil: null,
      })
      .where(and(eq(schema.jobRuns.id, run.id), eq(schema.jobRuns.status, "running")))
      .returning();
    if (!failed || exe.failure || !exe.def.onFailure) return;
    const event = {
      name: "inngest/function.failed",
      data: { event: run.event, error: { message, name: original instanceof Error ? original.name : "Error" } },
      id: `failed:${run.id}`,
      ts: Date.now(),
    };
    await createRun(tx, exe.def, event, {
      functionId: exe.def.config.id + FAILURE_SUFFIX,
      idempotencyKey: run.id,
      parentRunId: run.id,
    });
  });
}

async function saveStep(runId: string, stepId: string, kind: "run", output: unknown, started: Date) {
  const now = new Date();
  await db().transaction(async (tx) => {
    await tx
      .insert(schema.jobSteps)
      .values({
        runId,
        stepId,
        kind,
        status: "completed",
        output: { v: output ?? null },
        attempts: 1,
        startedAt: started,
        completedAt: now,
        durationMs: now.getTime() - started.getTime(),
      })
      .onConflictDoUpdate({
        target: [schema.jobSteps.runId, schema.jobSteps.stepId],
        set: {
          status: "completed",
          output: { v: output ?? null },
          attempts: sql`${schema.jobSteps.attempts} + 1`,
          completedAt: now,
          durationMs: now.getTime() - started.getTime(),
        },
      });
    // Retries count per step, as on Inngest.
    await tx.update(schema.jobRuns).set({ attempt: 0, updatedAt: now }).where(eq(schema.jobRuns.id, runId));
  });
}

async function recordStepError(runId: string, stepId: string, started: Date, e: unknown) {
  const error = (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR);
  await db()
    .insert(schema.jobSteps)
    .values({ runId, stepId, kind: "run", status: "failed", attempts: 1, error, startedAt: started })
    .onConflictDoUpdate({
      target: [schema.jobSteps.runId, schema.jobSteps.stepId],
      set: { status: "failed", error, attempts: sql`${schema.jobSteps.attempts} + 1`, startedAt: started },
    });
}

async function release(runId: string, workerId: string, set: { runAfter: Date }) {
  await db()
    .update(schema.jobRuns)
    .set({ ...set, lockedBy: null, lockedUntil: null, updatedAt: new Date() })
    .where(and(eq(schema.jobRuns.id, runId), eq(schema.jobRuns.lockedBy, workerId)));
}

function toJson(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

function unwrap(stored: unknown): unknown {
  const v = (stored as { v?: unknown } | null)?.v;
  return v === null ? null : v;
}

function toMs(d: number | string): number {
  if (typeof d === "number") return d;
  const m = /^(\d+)([smhd])$/.exec(d);
  if (!m) throw new Error(`Bad duration ${d}`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "s"];
}

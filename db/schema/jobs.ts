import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The in-process job runner's state (used when no Inngest server is configured).
 * job_events is the queue / transactional outbox; one job_runs row per function
 * triggered by an event; job_steps holds each step's persisted result so a run
 * resumes after a crash without repeating completed steps.
 */
export const jobEvents = pgTable(
  "job_events",
  {
    // The sender's id when given (de-duplicates like Inngest's event id), else a uuid.
    id: text("id")
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    name: text("name").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    // unhandled: no function was registered for it when dispatched; re-queued when one is (runner start).
    status: text("status", { enum: ["pending", "dispatched", "unhandled"] })
      .notNull()
      .default("pending"),
    createdAt: ts("created_at").notNull().defaultNow(),
    dispatchedAt: ts("dispatched_at"),
  },
  (t) => [index("job_events_pending_idx").on(t.status, t.createdAt)],
);

export const JOB_RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;

export const jobRuns = pgTable(
  "job_runs",
  {
    id: text("id")
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    functionId: text("function_id").notNull(),
    eventId: text("event_id").notNull(),
    eventName: text("event_name").notNull(),
    event: jsonb("event").$type<{ name: string; data: Record<string, unknown>; id: string; ts: number }>().notNull(),
    // Function-level idempotency key (Inngest's `idempotency` expression): one run per key.
    idempotencyKey: text("idempotency_key").notNull(),
    // Concurrency key values this run holds while running (e.g. "user:<id>").
    concurrencyKey: text("concurrency_key"),
    status: text("status", { enum: JOB_RUN_STATUSES }).notNull().default("queued"),
    // Attempt number of the step currently retrying (0 = first try), as Inngest's ctx.attempt.
    attempt: integer("attempt").notNull().default(0),
    runAfter: ts("run_after").notNull().defaultNow(),
    lockedBy: text("locked_by"),
    lockedUntil: ts("locked_until"),
    output: jsonb("output"),
    error: text("error"),
    // For onFailure runs: the run that failed.
    parentRunId: text("parent_run_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("job_runs_idempotency_unique").on(t.functionId, t.idempotencyKey),
    index("job_runs_claim_idx").on(t.status, t.runAfter),
    index("job_runs_created_idx").on(t.createdAt),
  ],
);

export const jobSteps = pgTable(
  "job_steps",
  {
    runId: text("run_id")
      .notNull()
      .references(() => jobRuns.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    kind: text("kind", { enum: ["run", "sendEvent", "sleep"] })
      .notNull()
      .default("run"),
    status: text("status", { enum: ["completed", "failed", "sleeping"] }).notNull(),
    output: jsonb("output"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    startedAt: ts("started_at"),
    completedAt: ts("completed_at"),
    durationMs: integer("duration_ms"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] })],
);

/** Runner heartbeats: one row per runner process, read by /ready. */
export const jobWorkers = pgTable("job_workers", {
  id: text("id").primaryKey(),
  startedAt: ts("started_at").notNull().defaultNow(),
  heartbeatAt: ts("heartbeat_at").notNull().defaultNow(),
});

import { and, eq, inArray, sql } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { readPath, type JobDefinition } from "../define";

type StoredEvent = { name: string; data: Record<string, unknown>; id: string; ts: number };

/**
 * Turns queued events into runs: one run per triggered function (de-duplicated
 * by the function's idempotency key, else the event id) and cancels the runs a
 * `cancelOn` event targets. Claimed with SKIP LOCKED so several app instances
 * can dispatch at once without handling an event twice.
 */
export async function dispatchEvents(jobs: JobDefinition[], limit = 50): Promise<number> {
  return db().transaction(async (tx) => {
    const events = await tx
      .select()
      .from(schema.jobEvents)
      .where(eq(schema.jobEvents.status, "pending"))
      .orderBy(schema.jobEvents.createdAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    const handled: string[] = [];
    const unhandled: string[] = [];
    for (const e of events) {
      const event: StoredEvent = { name: e.name, data: e.data, id: e.id, ts: e.createdAt.getTime() };
      let matched = false;
      for (const def of jobs) {
        const t = def.config.trigger;
        if ("event" in t && t.event === e.name) {
          matched = true;
          await createRun(tx, def, event);
        }
        for (const c of def.config.cancelOn ?? []) {
          if (c.event === e.name) {
            matched = true;
            await cancelMatching(tx, def.config.id, c.match, readPath(event, c.match));
          }
        }
      }
      (matched ? handled : unhandled).push(e.id);
    }
    const now = new Date();
    if (handled.length) {
      await tx
        .update(schema.jobEvents)
        .set({ status: "dispatched", dispatchedAt: now })
        .where(inArray(schema.jobEvents.id, handled));
    }
    if (unhandled.length) {
      await tx
        .update(schema.jobEvents)
        .set({ status: "unhandled", dispatchedAt: now })
        .where(inArray(schema.jobEvents.id, unhandled));
    }
    return events.length;
  });
}

/** Events nobody handled when they arrived go back to the queue once a function for them is registered. */
export async function requeueUnhandled(jobs: JobDefinition[]): Promise<number> {
  const names = [
    ...new Set(
      jobs.flatMap((d) => [
        ...("event" in d.config.trigger ? [d.config.trigger.event] : []),
        ...(d.config.cancelOn ?? []).map((c) => c.event),
      ]),
    ),
  ];
  if (!names.length) return 0;
  const rows = await db()
    .update(schema.jobEvents)
    .set({ status: "pending", dispatchedAt: null })
    .where(and(eq(schema.jobEvents.status, "unhandled"), inArray(schema.jobEvents.name, names)))
    .returning({ id: schema.jobEvents.id });
  return rows.length;
}

export async function createRun(
  tx: Tx,
  def: JobDefinition,
  event: StoredEvent,
  opts: { functionId?: string; idempotencyKey?: string; parentRunId?: string } = {},
): Promise<void> {
  const root = { event };
  const idem = def.config.idempotency ? readPath(root, def.config.idempotency) : undefined;
  const keyed = def.config.concurrency?.find((c) => c.key);
  const ck = keyed?.key ? readPath(root, keyed.key) : undefined;
  await tx
    .insert(schema.jobRuns)
    .values({
      functionId: opts.functionId ?? def.config.id,
      eventId: event.id,
      eventName: event.name,
      event,
      idempotencyKey: opts.idempotencyKey ?? (idem === undefined || idem === null ? event.id : String(idem)),
      concurrencyKey: ck === undefined || ck === null ? null : String(ck),
      parentRunId: opts.parentRunId ?? null,
    })
    .onConflictDoNothing();
}

async function cancelMatching(tx: Tx, functionId: string, match: string, value: unknown): Promise<void> {
  if (value === undefined || value === null) return;
  const path = match.split(".");
  await tx
    .update(schema.jobRuns)
    .set({ status: "cancelled", finishedAt: new Date(), updatedAt: new Date(), error: "cancelled by event" })
    .where(
      and(
        eq(schema.jobRuns.functionId, functionId),
        inArray(schema.jobRuns.status, ["queued", "running"]),
        sql`${schema.jobRuns.event} #>> ${`{${path.join(",")}}`} = ${String(value)}`,
      ),
    );
}

/**
 * Cron triggers: `M H * * *` (optionally prefixed `TZ=UTC`), i.e. daily at a
 * fixed UTC time: the only shape our functions use. One run per day per function.
 */
export async function scheduleCrons(jobs: JobDefinition[], now = new Date()): Promise<void> {
  for (const def of jobs) {
    const t = def.config.trigger;
    if (!("cron" in t)) continue;
    const fields = t.cron
      .replace(/^TZ=\S+\s+/, "")
      .trim()
      .split(/\s+/);
    const minute = Number(fields[0]);
    const hour = Number(fields[1]);
    if (!Number.isInteger(minute) || !Number.isInteger(hour) || fields.slice(2).join(" ") !== "* * *") {
      throw new Error(`Unsupported cron "${t.cron}" for ${def.config.id} in the in-process runner`);
    }
    const day = now.toISOString().slice(0, 10);
    const due = new Date(`${day}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`);
    if (now < due) continue;
    const event = {
      name: "inngest/scheduled.timer",
      data: { cron: t.cron },
      id: `cron:${def.config.id}:${day}`,
      ts: due.getTime(),
    };
    await db().transaction((tx) => createRun(tx, def, event, { idempotencyKey: `cron:${day}` }));
  }
}

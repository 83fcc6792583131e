import { eq, sql } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { parseEvent, type AppEvent } from "./events";
import { inngestConfigured } from "./mode";
import { notifyRunner } from "./runner/wake";

export type SendEventOptions = {
  /**
   * Queue the event inside the caller's transaction (transactional outbox): it
   * exists if and only if the transaction commits.
   */
  tx?: Tx;
};

/**
 * Sends an app event, validated against lib/jobs/events.ts.
 *
 * Every event is first written to `job_events` (in `opts.tx` when given), keyed
 * by `event.id` when the caller supplies one: the same id is accepted once, like
 * Inngest's event id, e.g. `audit-requested-<checkoutSessionId>`.
 *
 * - No Inngest server configured: the in-process runner claims the row and runs
 *   every function it triggers.
 * - Inngest server configured: without `tx` the event is forwarded to Inngest
 *   at once; with `tx` it is forwarded by the outbox relay shortly after the
 *   caller's transaction commits (never before, so a rolled-back payment never
 *   starts an audit). Inngest de-duplicates the forwarded id too.
 */
export async function sendEvent(event: AppEvent, opts: SendEventOptions = {}): Promise<void> {
  const parsed = parseEvent(event);
  const data = { ...parsed.data } as Record<string, unknown>;
  if (parsed.name === "audit/requested" && data.userId === undefined) {
    // The per-customer concurrency key; senders need not know it.
    const userId = await auditOwner(opts.tx, String(data.auditId));
    if (userId) data.userId = userId;
  }
  const q = opts.tx ?? db();
  const inserted = await q
    .insert(schema.jobEvents)
    .values({ ...(parsed.id ? { id: parsed.id } : {}), name: parsed.name, data })
    .onConflictDoNothing({ target: schema.jobEvents.id })
    .returning({ id: schema.jobEvents.id });
  const row = inserted[0];
  if (!row) return; // duplicate id: already accepted once
  if (!inngestConfigured()) {
    notifyRunner();
    return;
  }
  if (!opts.tx) await forwardToInngest([{ id: row.id, name: parsed.name, data }]);
}

async function auditOwner(tx: Tx | undefined, auditId: string): Promise<string | null> {
  const [a] = await (tx ?? db())
    .select({ userId: schema.audits.userId })
    .from(schema.audits)
    .where(eq(schema.audits.id, auditId));
  return a?.userId ?? null;
}

/** Sends queued events to Inngest and marks them dispatched (the outbox relay's work). */
export async function forwardToInngest(events: { id: string; name: string; data: Record<string, unknown> }[]) {
  if (events.length === 0) return;
  const { inngest } = await import("@/inngest/client");
  await inngest.send(events.map((e) => ({ id: e.id, name: e.name, data: e.data })));
  await db()
    .update(schema.jobEvents)
    .set({ status: "dispatched", dispatchedAt: new Date() })
    .where(
      sql`${schema.jobEvents.id} in (${sql.join(
        events.map((e) => sql`${e.id}`),
        sql`, `,
      )})`,
    );
}

import { gt } from "drizzle-orm";
import { db, schema } from "@/db";
import { env } from "@/lib/env";
import { inngestConfigured } from "./mode";

const STALE_MS = 30_000;

/**
 * Job runner liveness. With an Inngest server configured the app only needs its
 * event key to send (production); otherwise some in-process runner on this
 * database must have sent a heartbeat in the last 30 s.
 */
export async function jobRunnerHealth(): Promise<void> {
  const e = env();
  if (inngestConfigured()) {
    if (e.NODE_ENV === "production" && !e.APP_DEMO && !e.INNGEST_EVENT_KEY && e.INNGEST_BASE_URL === undefined) {
      throw new Error("INNGEST_EVENT_KEY is not set");
    }
    return;
  }
  const [alive] = await db()
    .select({ id: schema.jobWorkers.id })
    .from(schema.jobWorkers)
    .where(gt(schema.jobWorkers.heartbeatAt, new Date(Date.now() - STALE_MS)))
    .limit(1);
  if (!alive) throw new Error("no in-process job runner heartbeat in the last 30 s");
}

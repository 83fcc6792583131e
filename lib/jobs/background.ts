import { and, asc, eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { logger } from "@/lib/log/logger";
import { jobsConfig } from "./config";
import { inngestConfigured } from "./mode";
import type { Runner } from "./runner/runner";

const g = globalThis as unknown as { __jobBackground?: { stop(): Promise<void> } };

/**
 * Starts whatever runs beside request handling in the app process: the
 * in-process job runner when no Inngest server is configured, otherwise the
 * outbox relay that forwards events queued inside transactions to Inngest.
 */
export async function startBackgroundServices(): Promise<void> {
  if (g.__jobBackground) return;
  const cfg = jobsConfig();
  if (cfg.JOB_RUNNER === "off") return;
  if (inngestConfigured()) {
    g.__jobBackground = startOutboxRelay();
    return;
  }
  const [{ startRunner }, { jobs }] = await Promise.all([import("./runner/runner"), import("@/inngest/functions")]);
  const runner: Runner = startRunner({
    jobs,
    pollMs: cfg.JOB_RUNNER_POLL_MS,
    leaseMs: cfg.JOB_RUNNER_LEASE_MS,
    maxConcurrent: cfg.JOB_RUNNER_CONCURRENCY,
    backoffMs: (attempt) => Math.min(cfg.JOB_RETRY_BASE_MS * 2 ** (attempt - 1), 60_000),
  });
  g.__jobBackground = runner;
}

export async function stopBackgroundServices(): Promise<void> {
  const bg = g.__jobBackground;
  g.__jobBackground = undefined;
  await bg?.stop();
}

function startOutboxRelay(): { stop(): Promise<void> } {
  let stopped = false;
  const tick = async () => {
    const { forwardToInngest } = await import("./send-event");
    const rows = await db()
      .select({ id: schema.jobEvents.id, name: schema.jobEvents.name, data: schema.jobEvents.data })
      .from(schema.jobEvents)
      .where(and(eq(schema.jobEvents.status, "pending")))
      .orderBy(asc(schema.jobEvents.createdAt))
      .limit(100);
    await forwardToInngest(rows);
  };
  const timer = setInterval(() => {
    if (!stopped) tick().catch((err) => logger.warn({ err }, "inngest outbox relay failed"));
  }, 1000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

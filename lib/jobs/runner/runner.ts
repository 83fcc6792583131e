import { randomUUID } from "node:crypto";
import { lt, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { logger } from "@/lib/log/logger";
import type { JobDefinition } from "../define";
import { claimRun } from "./claim";
import { dispatchEvents, requeueUnhandled, scheduleCrons } from "./dispatch";
import { executeRun } from "./execute";
import { buildRegistry } from "./registry";
import { wake } from "./wake";

export type RunnerOptions = {
  jobs: JobDefinition[];
  workerId?: string;
  /** Idle poll interval (sendEvent in this process wakes the runner at once). */
  pollMs?: number;
  /** A claimed run is another worker's to take over when its lease lapses (the owner renews it). */
  leaseMs?: number;
  /** Runs executing at once in this process. */
  maxConcurrent?: number;
  backoffMs?: (attempt: number) => number;
  /** Cron triggers are skipped when false (tests). */
  crons?: boolean;
};

export type Runner = { workerId: string; stop(): Promise<void> };

const defaultBackoff = (attempt: number) =>
  Math.min(1000 * 2 ** (attempt - 1), 60_000) + Math.floor(Math.random() * 250);

/** Starts the in-process job runner: dispatch queued events, claim due runs, execute them. */
export function startRunner(opts: RunnerOptions): Runner {
  const workerId = opts.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const pollMs = opts.pollMs ?? 500;
  const leaseMs = opts.leaseMs ?? 30_000;
  const maxConcurrent = opts.maxConcurrent ?? 4;
  const registry = buildRegistry(opts.jobs);
  const exec = { workerId, backoffMs: opts.backoffMs ?? defaultBackoff };
  const active = new Set<Promise<void>>();
  let stopped = false;
  let kick: (() => void) | null = null;
  const onWake = () => kick?.();
  wake.on("wake", onWake);
  let lastCron = 0;
  let lastBeat = 0;

  const execute = (run: Awaited<ReturnType<typeof claimRun>> & object) => {
    const renew = setInterval(
      () => {
        db()
          .update(schema.jobRuns)
          .set({ lockedUntil: new Date(Date.now() + leaseMs) })
          .where(sql`${schema.jobRuns.id} = ${run.id} and ${schema.jobRuns.lockedBy} = ${workerId}`)
          .catch((err) => logger.warn({ err, runId: run.id }, "job lease renewal failed"));
      },
      Math.max(50, leaseMs / 3),
    );
    const p = executeRun(run, registry.get(run.functionId)!, exec)
      .catch((err) => logger.error({ err, runId: run.id }, "job run crashed"))
      .finally(() => {
        clearInterval(renew);
        active.delete(p);
        kick?.();
      });
    active.add(p);
  };

  const loop = async () => {
    await requeueUnhandled(opts.jobs).catch((err) => logger.warn({ err }, "requeue of unhandled events failed"));
    while (!stopped) {
      try {
        if (Date.now() - lastBeat > 5000) {
          lastBeat = Date.now();
          await heartbeat(workerId);
        }
        if (opts.crons !== false && Date.now() - lastCron > 60_000) {
          lastCron = Date.now();
          await scheduleCrons(opts.jobs);
        }
        await dispatchEvents(opts.jobs);
        while (!stopped && active.size < maxConcurrent) {
          const run = await claimRun(registry, workerId, leaseMs);
          if (!run) break;
          execute(run);
        }
      } catch (err) {
        if (stopped) break;
        logger.error({ err }, "job runner tick failed");
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        kick = () => {
          clearTimeout(t);
          kick = null;
          resolve();
        };
      });
    }
  };
  const looping = loop();
  logger.info({ workerId }, "in-process job runner started");

  return {
    workerId,
    async stop() {
      stopped = true;
      wake.off("wake", onWake);
      kick?.();
      await looping;
      await Promise.allSettled([...active]);
    },
  };
}

async function heartbeat(workerId: string): Promise<void> {
  // Rows of runners gone for a day are history, not health.
  await db()
    .delete(schema.jobWorkers)
    .where(lt(schema.jobWorkers.heartbeatAt, new Date(Date.now() - 86_400_000)));
  await db()
    .insert(schema.jobWorkers)
    .values({ id: workerId })
    .onConflictDoUpdate({ target: schema.jobWorkers.id, set: { heartbeatAt: new Date() } });
}

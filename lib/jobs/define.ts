import { inngest } from "@/inngest/client";
import { parseEvent, type AppEvent, type EventData, type EventName } from "./events";

/**
 * The step tools a job handler sees. Inngest's own tools satisfy this, and so
 * does the in-process runner's executor: handler code cannot tell which one
 * runs it. Step outputs are JSON: return plain ids and counts, never rows.
 */
export type StepTools = {
  run<T>(id: string, fn: () => T | Promise<T>): Promise<T>;
  sendEvent(id: string, events: AppEvent | AppEvent[]): Promise<void>;
  sleep(id: string, duration: number | `${number}${"s" | "m" | "h" | "d"}`): Promise<void>;
};

export type JobEvent<D> = { name: string; data: D; id?: string; ts?: number };
export type JobContext<D> = { event: JobEvent<D>; step: StepTools; attempt: number; runId: string };
export type FailureContext<D> = JobContext<D> & { error: { message: string; name?: string } };

export type JobTrigger = { event: EventName } | { cron: string };

export type JobConfig = {
  id: string;
  trigger: JobTrigger;
  /** Retries after the first failure of a step (Inngest's default is 4; we choose per function). */
  retries?: number;
  /** Up to two limits; `key` is an expression over the event (`event.data.userId`). */
  concurrency?: { key?: string; limit: number }[];
  /** One run per value of this expression (`event.data.auditId`); default: one per event id. */
  idempotency?: string;
  /** Cancel a run when this event arrives with the same value at `match` (`data.auditId`). */
  cancelOn?: { event: EventName; match: string }[];
};

// D defaults to never so a list of definitions with different payloads type-checks (handlers are contravariant).
export type JobDefinition<D = never> = {
  config: JobConfig;
  handler: (ctx: JobContext<D>) => Promise<unknown>;
  onFailure?: (ctx: FailureContext<D>) => Promise<unknown>;
  /** The same function for a real Inngest server (served at /api/inngest). */
  inngestFunction: ReturnType<typeof inngest.createFunction>;
};

type Handler<D> = (ctx: JobContext<D>) => Promise<unknown>;
type FailureHandler<D> = (ctx: FailureContext<D>) => Promise<unknown>;

/**
 * Declares a durable function once; both runners execute the result.
 * `N` ties the payload type to the event schema in lib/jobs/events.ts.
 */
export function defineJob<N extends EventName>(
  config: JobConfig & { trigger: { event: N } },
  handler: Handler<EventData<N>>,
  onFailure?: FailureHandler<EventData<N>>,
): JobDefinition<EventData<N>>;
export function defineJob(config: JobConfig & { trigger: { cron: string } }, handler: Handler<unknown>): JobDefinition;
export function defineJob<D>(config: JobConfig, handler: Handler<D>, onFailure?: FailureHandler<D>): JobDefinition<D> {
  // The SDK's context types are generic over the client; we hand the handler our narrower view of them.
  type InngestCtx = {
    event: JobEvent<D> & { data: D & { event?: JobEvent<D> } };
    step: { run: StepTools["run"]; sendEvent: (id: string, e: unknown) => Promise<unknown>; sleep: StepTools["sleep"] };
    attempt: number;
    runId: string;
    error?: Error;
  };
  const tools = (ctx: InngestCtx): StepTools => ({
    run: (id, fn) => ctx.step.run(id, fn),
    sleep: (id, d) => ctx.step.sleep(id, d),
    sendEvent: async (id, events) => {
      const list = (Array.isArray(events) ? events : [events]).map((e) => parseEvent(e));
      await ctx.step.sendEvent(id, list);
    },
  });
  const opts = {
    id: config.id,
    triggers: ["event" in config.trigger ? { event: config.trigger.event } : { cron: config.trigger.cron }],
    retries: config.retries as 0,
    ...(config.concurrency ? { concurrency: config.concurrency as [{ key?: string; limit: number }] } : {}),
    ...(config.idempotency ? { idempotency: config.idempotency } : {}),
    ...(config.cancelOn ? { cancelOn: config.cancelOn } : {}),
    ...(onFailure
      ? {
          onFailure: (raw: unknown) => {
            const ctx = raw as InngestCtx;
            return onFailure({
              event: ctx.event.data.event as JobEvent<D>,
              error: { message: ctx.error?.message ?? "unknown error", name: ctx.error?.name },
              step: tools(ctx),
              attempt: ctx.attempt,
              runId: ctx.runId,
            });
          },
        }
      : {}),
  };
  const inngestFunction = inngest.createFunction(
    opts as never,
    ((raw: unknown) => {
      const ctx = raw as InngestCtx;
      return handler({ event: ctx.event, step: tools(ctx), attempt: ctx.attempt, runId: ctx.runId });
    }) as never,
  );
  return { config, handler, onFailure, inngestFunction };
}

/** Reads `event.data.x` / `data.x` style paths; the only expressions our configs use. */
export function readPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

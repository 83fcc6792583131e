import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { defineJob, type JobDefinition } from "@/lib/jobs/define";
import { sendEvent } from "@/lib/jobs/send-event";
import { startRunner, type Runner } from "@/lib/jobs/runner/runner";
import { listJobRuns, getJobRun } from "@/lib/jobs/runs";
import { resetDb } from "../db";

let runner: Runner | undefined;
const start = (jobs: JobDefinition[], workerId = "w1") => {
  runner = startRunner({
    jobs: jobs as JobDefinition[],
    workerId,
    pollMs: 20,
    leaseMs: 2000,
    backoffMs: () => 10,
    crons: false,
  });
  return runner;
};

async function until<T>(fn: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const runsOf = (functionId: string) =>
  db().select().from(schema.jobRuns).where(eq(schema.jobRuns.functionId, functionId));

describe("in-process job runner", () => {
  beforeEach(resetDb);
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
  });

  it("persists step results and does not re-run completed steps on retry", async () => {
    const calls: string[] = [];
    let failOnce = true;
    const job = defineJob(
      { id: "t-steps", trigger: { event: "audit/requested" }, retries: 2 },
      async ({ event, step }) => {
        const a = await step.run("a", () => {
          calls.push("a");
          return { n: 1, id: event.data.auditId };
        });
        const b = await step.run("b", () => {
          calls.push("b");
          if (failOnce) {
            failOnce = false;
            throw new Error("flaky");
          }
          return a.n + 1;
        });
        return { b };
      },
    );
    start([job]);
    await sendEvent({ name: "audit/requested", data: { auditId: "x1", userId: "u1" } });
    const run = await until(async () => (await runsOf("t-steps")).find((r) => r.status === "completed"));
    expect(run.output).toEqual({ b: 2 });
    expect(calls).toEqual(["a", "b", "b"]);
    const detail = await getJobRun(run.id);
    expect(detail?.steps.map((s) => [s.stepId, s.status, s.attempts])).toEqual([
      ["a", "completed", 1],
      ["b", "completed", 2],
    ]);
  });

  it("accepts an event id once and runs one run per idempotency key", async () => {
    let n = 0;
    const job = defineJob(
      { id: "t-idem", trigger: { event: "audit/requested" }, idempotency: "event.data.auditId" },
      async ({ step }) => step.run("count", () => ++n),
    );
    await sendEvent({ name: "audit/requested", data: { auditId: "a1", userId: "u" }, id: "evt-1" });
    await sendEvent({ name: "audit/requested", data: { auditId: "a1", userId: "u" }, id: "evt-1" });
    await sendEvent({ name: "audit/requested", data: { auditId: "a1", userId: "u" }, id: "evt-2" });
    expect(await db().select().from(schema.jobEvents)).toHaveLength(2);
    start([job]);
    await until(async () => (await runsOf("t-idem")).every((r) => r.status === "completed") && n > 0);
    await new Promise((r) => setTimeout(r, 150));
    expect(await runsOf("t-idem")).toHaveLength(1);
    expect(n).toBe(1);
  });

  it("fails after the last retry and runs onFailure with the error", async () => {
    const failures: string[] = [];
    let tries = 0;
    const job = defineJob(
      { id: "t-fail", trigger: { event: "audit/requested" }, retries: 2 },
      async ({ step }) =>
        step.run("boom", () => {
          tries++;
          throw new Error("always broken");
        }),
      async ({ event, error, step }) => {
        await step.run("record", () => failures.push(`${event.data.auditId}:${error.message}`));
      },
    );
    start([job]);
    await sendEvent({ name: "audit/requested", data: { auditId: "f1", userId: "u" } });
    await until(async () => failures.length > 0);
    expect(tries).toBe(3);
    expect(failures).toEqual(["f1:always broken"]);
    const [run] = await runsOf("t-fail");
    expect(run).toMatchObject({ status: "failed", error: "always broken", attempt: 3 });
    const all = await listJobRuns({ limit: 10 });
    expect(all.map((r) => r.functionId).sort()).toEqual(["t-fail", "t-fail:on-failure"]);
  });

  it("cancelOn stops a run before its next step", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const after: string[] = [];
    const job = defineJob(
      {
        id: "t-cancel",
        trigger: { event: "audit/requested" },
        cancelOn: [{ event: "audit/cancelled", match: "data.auditId" }],
      },
      async ({ step }) => {
        await step.run("wait", () => gate);
        await step.run("after", () => after.push("ran"));
      },
    );
    start([job]);
    await sendEvent({ name: "audit/requested", data: { auditId: "c1", userId: "u" } });
    await sendEvent({ name: "audit/requested", data: { auditId: "c2", userId: "u2" } });
    await until(async () => (await runsOf("t-cancel")).filter((r) => r.status === "running").length === 2);
    await sendEvent({ name: "audit/cancelled", data: { auditId: "c1" } });
    await until(async () => (await runsOf("t-cancel")).some((r) => r.status === "cancelled"));
    release();
    await until(async () => (await runsOf("t-cancel")).some((r) => r.status === "completed"));
    expect(after).toEqual(["ran"]);
    const statuses = (await runsOf("t-cancel")).map((r) => [r.event.data.auditId, r.status]).sort();
    expect(statuses).toEqual([
      ["c1", "cancelled"],
      ["c2", "completed"],
    ]);
  });

  it("runs one run per concurrency key at a time, within the global limit", async () => {
    let running = 0;
    let peakSameUser = 0;
    const job = defineJob(
      {
        id: "t-conc",
        trigger: { event: "audit/requested" },
        concurrency: [{ key: "event.data.userId", limit: 1 }, { limit: 5 }],
      },
      async ({ event, step }) => {
        await step.run("work", async () => {
          if (event.data.userId === "same") peakSameUser = Math.max(peakSameUser, ++running);
          await new Promise((r) => setTimeout(r, 100));
          if (event.data.userId === "same") running--;
        });
      },
    );
    for (const id of ["k1", "k2", "k3"])
      await sendEvent({ name: "audit/requested", data: { auditId: id, userId: "same" } });
    start([job]);
    await until(async () => (await runsOf("t-conc")).filter((r) => r.status === "completed").length === 3);
    expect(peakSameUser).toBe(1);
  });

  it("sleeps without holding the run and sends events from a step exactly once", async () => {
    const job = defineJob({ id: "t-sleep", trigger: { event: "audit/requested" } }, async ({ event, step }) => {
      await step.sleep("nap", 200);
      await step.sendEvent("done", { name: "audit/completed", data: { auditId: event.data.auditId } });
    });
    const seen: string[] = [];
    const sink = defineJob({ id: "t-sink", trigger: { event: "audit/completed" } }, async ({ event, step }) => {
      await step.run("see", () => seen.push(event.data.auditId));
    });
    start([job, sink]);
    await sendEvent({ name: "audit/requested", data: { auditId: "s1", userId: "u" } });
    await until(async () => seen.length > 0);
    const [run] = await runsOf("t-sleep");
    expect(run!.status).toBe("completed");
    expect(run!.finishedAt!.getTime() - run!.createdAt.getTime()).toBeGreaterThanOrEqual(190);
    expect(seen).toEqual(["s1"]);
  });

  it("the global limit holds across keys", async () => {
    let running = 0;
    let peak = 0;
    const job = defineJob(
      {
        id: "t-global",
        trigger: { event: "audit/requested" },
        concurrency: [{ key: "event.data.userId", limit: 1 }, { limit: 2 }],
      },
      async ({ step }) => {
        await step.run("work", async () => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, 60));
          running--;
        });
      },
    );
    for (let i = 0; i < 6; i++)
      await sendEvent({ name: "audit/requested", data: { auditId: `g${i}`, userId: `user${i}` } });
    start([job]);
    await until(async () => (await runsOf("t-global")).filter((r) => r.status === "completed").length === 6);
    expect(peak).toBe(2);
  });

  it("two runners on one database execute every run and every step exactly once", async () => {
    const executed: string[] = [];
    const job = defineJob({ id: "t-two", trigger: { event: "audit/requested" } }, async ({ event, step }) => {
      await step.run("one", async () => {
        executed.push(event.data.auditId);
        await new Promise((r) => setTimeout(r, 5));
      });
    });
    for (let i = 0; i < 12; i++)
      await sendEvent({ name: "audit/requested", data: { auditId: `m${i}`, userId: `u${i}` } });
    const second = startRunner({
      jobs: [job] as JobDefinition[],
      workerId: "w-b",
      pollMs: 10,
      leaseMs: 2000,
      crons: false,
    });
    try {
      start([job], "w-a");
      await until(async () => (await runsOf("t-two")).filter((r) => r.status === "completed").length === 12);
    } finally {
      await second.stop();
    }
    expect(executed.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`).sort());
  });

  it("an event no function handled yet runs once a function for it is registered", async () => {
    await sendEvent({ name: "audit/completed", data: { auditId: "late" } });
    const other = defineJob({ id: "t-other", trigger: { event: "audit/requested" } }, async () => null);
    const { dispatchEvents } = await import("@/lib/jobs/runner/dispatch");
    await dispatchEvents([other]);
    expect((await db().select().from(schema.jobEvents))[0]!.status).toBe("unhandled");
    const seen: string[] = [];
    const late = defineJob({ id: "t-late", trigger: { event: "audit/completed" } }, async ({ event, step }) => {
      await step.run("see", () => seen.push(event.data.auditId));
    });
    start([late]);
    await until(async () => seen.length > 0);
    expect(seen).toEqual(["late"]);
  });

  it("a run whose worker died is resumed by another worker after its lease", async () => {
    const job = defineJob({ id: "t-lease", trigger: { event: "audit/requested" } }, async ({ step }) =>
      step.run("x", () => 7),
    );
    await sendEvent({ name: "audit/requested", data: { auditId: "l1", userId: "u" } });
    const { dispatchEvents } = await import("@/lib/jobs/runner/dispatch");
    await dispatchEvents([job]);
    // A crashed worker's claim: running, leased to a dead worker, lease already lapsed.
    await db()
      .update(schema.jobRuns)
      .set({ status: "running", lockedBy: "dead", lockedUntil: new Date(Date.now() - 1) });
    start([job], "w2");
    const run = await until(async () => (await runsOf("t-lease")).find((r) => r.status === "completed"));
    expect(run.output).toBe(7);
  });
});

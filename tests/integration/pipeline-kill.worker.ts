/**
 * Child process for the kill test (run with tsx, not by vitest): `seed <siteUrl>`
 * creates a customer audit and requests it, then runs the in-process runner
 * until killed; `finish <auditId>` runs the runner until the report is ready
 * and prints a JSON summary of steps and emails.
 */
import { and, eq } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase, schema } from "@/db";
import { jobs } from "@/inngest/functions";
import { sendEvent } from "@/lib/jobs/send-event";
import { startRunner } from "@/lib/jobs/runner/runner";

const [mode, arg] = process.argv.slice(2);
await migrateDatabase();
if (mode === "seed") {
  const [user] = await db().insert(schema.users).values({ email: "kill@example.com", name: "Kim" }).returning();
  const [audit] = await db()
    .insert(schema.audits)
    .values({ userId: user!.id, plan: "pro", siteUrl: arg!, keywords: ["widgets"] })
    .returning();
  await sendEvent({ name: "audit/requested", data: { auditId: audit!.id }, id: `audit-requested-${audit!.id}` });
  process.stdout.write(`${JSON.stringify({ auditId: audit!.id })}\n`);
}
const runner = startRunner({
  jobs,
  pollMs: 20,
  leaseMs: Number(process.env.JOB_RUNNER_LEASE_MS ?? 1500),
  crons: false,
});
if (mode === "finish") {
  const auditId = arg!;
  for (;;) {
    const [r] = await db().select().from(schema.reports).where(eq(schema.reports.auditId, auditId));
    if (r?.status === "ready") break;
    await new Promise((res) => setTimeout(res, 50));
  }
  await runner.stop();
  const [run] = await db()
    .select()
    .from(schema.jobRuns)
    .where(and(eq(schema.jobRuns.functionId, "run-audit")));
  const steps = await db().select().from(schema.jobSteps).where(eq(schema.jobSteps.runId, run!.id));
  const emails = await db().select().from(schema.emailOutbox);
  const [audit] = await db().select().from(schema.audits).where(eq(schema.audits.id, auditId));
  const runs = await db()
    .select({ id: schema.jobRuns.id })
    .from(schema.jobRuns)
    .where(eq(schema.jobRuns.functionId, "run-audit"));
  process.stdout.write(
    `${JSON.stringify({
      status: audit!.status,
      pagesDone: audit!.progress?.pagesDone,
      runs: runs.length,
      steps: steps.map((s) => ({ id: s.stepId, status: s.status, attempts: s.attempts, completedAt: s.completedAt })),
      emails: emails.map((e) => e.template),
    })}\n`,
  );
  await closeDatabase();
  process.exit(0);
}

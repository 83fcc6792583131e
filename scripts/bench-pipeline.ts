/**
 * npm run bench:pipeline — payment event to PDF ready for a 500-page local site
 * through the in-process runner: the `audit/requested` event billing emits when
 * a checkout is paid → crawl in durable chunks → analysis → score → PDF stored
 * → email recorded. Uses a fresh PGlite directory (or DATABASE_URL when set).
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";

const PAGES = 500;
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "bench-pipeline-"));
process.env.AUDIT_ALLOW_PRIVATE_NETWORKS = "1";
process.env.LOG_LEVEL ??= "silent";

const { eq } = await import("drizzle-orm");
const { closeDatabase, db, migrateDatabase, schema } = await import("@/db");
const { jobs } = await import("@/inngest/functions");
const { sendEvent } = await import("@/lib/jobs/send-event");
const { startRunner } = await import("@/lib/jobs/runner/runner");

// ~16 KB pages with 20 links each, like the crawl benchmark's site.
const filler = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(260) + "</p>";
const server = http.createServer((req, res) => {
  const n = req.url === "/" ? 0 : Number(/^\/p\/(\d+)$/.exec(req.url ?? "")?.[1] ?? -1);
  if (n < 0 || n >= PAGES) return res.writeHead(404).end();
  const links = Array.from({ length: 20 }, (_, k) => `<a href="/p/${(n * 7 + k * 13 + 1) % PAGES}">link ${k}</a>`).join(
    " ",
  );
  res
    .writeHead(200, { "content-type": "text/html; charset=utf-8" })
    .end(
      `<!doctype html><html lang="en"><head><title>Widget page ${n} of the benchmark site</title><meta name="description" content="Benchmark page ${n}"></head><body><h1>Page ${n}</h1>${links}${filler}</body></html>`,
    );
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

await migrateDatabase();
const [user] = await db()
  .insert(schema.users)
  .values({ email: `bench-${Date.now()}@example.com`, name: "Bench" })
  .returning();
const [audit] = await db()
  .insert(schema.audits)
  .values({ userId: user!.id, plan: "pro", siteUrl, keywords: ["widget"], trigger: "checkout" })
  .returning();
const runner = startRunner({ jobs, pollMs: 50, crons: false });

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const t0 = performance.now();
await sendEvent({ name: "audit/requested", data: { auditId: audit!.id }, id: `audit-requested-bench-${audit!.id}` });
let completedAt = 0;
for (;;) {
  const [a] = await db().select().from(schema.audits).where(eq(schema.audits.id, audit!.id));
  if (a!.status === "completed" && !completedAt) completedAt = performance.now();
  if (a!.status === "failed") throw new Error(`audit failed: ${a!.error}`);
  const [r] = await db().select().from(schema.reports).where(eq(schema.reports.auditId, audit!.id));
  if (r?.status === "ready") break;
  await new Promise((res) => setTimeout(res, 50));
}
const total = performance.now() - t0;
clearInterval(sampler);
const [a] = await db().select().from(schema.audits).where(eq(schema.audits.id, audit!.id));
const [r] = await db().select().from(schema.reports).where(eq(schema.reports.auditId, audit!.id));
const steps = await db().select().from(schema.jobSteps);
console.log(`database:            ${process.env.DATABASE_URL ? "postgres" : "pglite (file)"}`);
console.log(`pages crawled:       ${a!.progress?.pagesDone}`);
console.log(`score:               ${a!.score}`);
console.log(`durable steps:       ${steps.length}`);
console.log(`event → completed:   ${(completedAt / 1000 - t0 / 1000).toFixed(1)} s`);
console.log(`event → PDF ready:   ${(total / 1000).toFixed(1)} s (PDF ${Math.round((r!.sizeBytes ?? 0) / 1024)} KB)`);
console.log(`peak RSS:            ${Math.round(peak / 1e6)} MB`);
await runner.stop();
server.close();
await closeDatabase();
if (process.env.PGLITE_DIR?.includes("bench-pipeline-"))
  fs.rmSync(process.env.PGLITE_DIR, { recursive: true, force: true });

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetDb } from "../db";

const PAGES = 120;
const hits = new Map<string, number>();
let server: http.Server;
let siteUrl: string;
let dir: string;

/** Each child is `node` itself (not a shell), so SIGKILL hits the process that holds the run. */
function child(args: string[]): { proc: ChildProcess; lines: string[]; exit: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AUDIT_CHUNK_PAGES: "10",
    JOB_RUNNER_LEASE_MS: "1500",
    LOG_LEVEL: "silent",
  };
  delete env.PGLITE_SNAPSHOT;
  if (!env.DATABASE_URL) env.PGLITE_DIR = path.join(dir, "pglite");
  const proc = spawn(process.execPath, ["--import", "tsx", "tests/integration/pipeline-kill.worker.ts", ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let buf = "";
  proc.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split("\n");
    buf = parts.pop()!;
    lines.push(...parts.filter(Boolean));
  });
  let err = "";
  proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((r) =>
    proc.on("exit", (code) => {
      if (code) console.error(err);
      r(code);
    }),
  );
  return { proc, lines, exit };
}

async function until(fn: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("kill test: a runner process dies mid-crawl", () => {
  beforeAll(async () => {
    if (process.env.DATABASE_URL) await resetDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pipeline-kill-"));
    server = http.createServer((req, res) => {
      const p = req.url ?? "/";
      hits.set(p, (hits.get(p) ?? 0) + 1);
      const n = p === "/" ? 0 : Number(/^\/p\/(\d+)$/.exec(p)?.[1] ?? -1);
      setTimeout(() => {
        if (n < 0 || n >= PAGES) return res.writeHead(404).end();
        const links = [1, 2, 3].map((k) => `<a href="/p/${(n * 3 + k) % PAGES}">x</a>`).join("");
        res
          .writeHead(200, { "content-type": "text/html" })
          .end(
            `<html lang="en"><head><title>Page ${n} about widgets here</title></head><body><h1>P${n}</h1>${links}</body></html>`,
          );
      }, 15);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("resumes on restart without repeating completed steps and sends one completion email", async () => {
    const first = child(["seed", siteUrl]);
    await until(() => first.lines.length > 0, 60_000);
    const { auditId } = JSON.parse(first.lines[0]!) as { auditId: string };
    // Two chunks of ten pages stored, the third in flight.
    await until(() => [...hits.values()].reduce((a, b) => a + b, 0) >= 25, 60_000);
    first.proc.kill("SIGKILL");
    await first.exit;
    const killedAt = Date.now();
    const hitsAtKill = [...hits.values()].reduce((a, b) => a + b, 0);

    const second = child(["finish", auditId]);
    expect(await second.exit).toBe(0);
    const out = JSON.parse(second.lines.at(-1)!) as {
      status: string;
      pagesDone: number;
      runs: number;
      steps: { id: string; status: string; attempts: number; completedAt: string }[];
      emails: string[];
    };
    expect(out.status).toBe("completed");
    expect(out.pagesDone).toBe(PAGES + 1); // "/" and /p/0..119
    expect(out.runs).toBe(1);
    const before = out.steps.filter((s) => new Date(s.completedAt).getTime() < killedAt);
    expect(before.map((s) => s.id)).toEqual(expect.arrayContaining(["mark-running", "crawl-0", "crawl-1"]));
    // Every step completed, and none that had completed before the kill was executed again. (A step after the
    // restart may have been retried after an error on a loaded machine; that is a retry, not a repeat.)
    for (const s of out.steps) expect([s.id, s.status]).toEqual([s.id, "completed"]);
    for (const s of before) expect([s.id, s.attempts]).toEqual([s.id, 1]);
    expect(out.emails).toEqual(["audit-report-ready"]);
    // Pages stored before the kill were not fetched again; only the chunk in flight may repeat (≤ 8 parallel).
    const repeated = [...hits.entries()].filter(([, n]) => n > 1);
    expect(repeated.length).toBeLessThanOrEqual(8);
    expect(hitsAtKill).toBeGreaterThanOrEqual(25);
  }, 120_000);
});

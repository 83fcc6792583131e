import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tsx = path.resolve("node_modules/.bin/tsx");

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra } as unknown as NodeJS.ProcessEnv;
}

describe("start-up", () => {
  it("a production start without STRIPE_SECRET_KEY exits non-zero naming it", () => {
    const r = spawnSync(tsx, ["scripts/start.ts"], {
      env: cleanEnv({
        AUTH_SECRET: "x".repeat(32),
        STRIPE_WEBHOOK_SECRET: "whsec_x",
        DATABASE_URL: "postgres://x@127.0.0.1:1/x",
      }),
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("STRIPE_SECRET_KEY");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("data written to the embedded database survives a restart", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-"));
    const script = (body: string) =>
      spawnSync(
        tsx,
        [
          "--eval",
          `import { db, migrateDatabase, closeDatabase, schema } from "./db/index.ts";\n(async () => { await migrateDatabase(); ${body}; await closeDatabase(); })();`,
        ],
        {
          env: cleanEnv({ PGLITE_DIR: path.join(dir, "pglite"), NODE_ENV: "development" }),
          encoding: "utf8",
          timeout: 60_000,
        },
      );
    const write = script(`await db().insert(schema.auditLog).values({ action: "restart-probe" })`);
    expect(write.stderr).toBe("");
    const read = script(`console.log(JSON.stringify(await db().select().from(schema.auditLog)))`);
    expect(JSON.parse(read.stdout.trim().split("\n").pop()!)).toEqual([
      expect.objectContaining({ action: "restart-probe" }),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

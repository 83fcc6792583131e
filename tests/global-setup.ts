import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import postgres from "postgres";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import { migrate as migratePg } from "drizzle-orm/postgres-js/migrator";

export const SNAPSHOT = path.resolve(".data/test/pglite-template.tar.gz");
const MIGRATIONS = path.resolve("db/migrations");

/**
 * Once per `vitest run`: PGlite mode builds one migrated data directory and dumps
 * it (each test file then loads the dump into memory in ~0.5 s instead of ~5 s);
 * Postgres mode drops and re-creates the schema so every run starts clean.
 */
export default async function setup() {
  const teardown = await startRedisBridge();
  await prepareDatabase();
  return teardown;
}

/** With REDIS_URL set, rate limiting in tests goes through the real Upstash client via the bridge. */
async function startRedisBridge(): Promise<() => Promise<void>> {
  if (!process.env.REDIS_URL || process.env.UPSTASH_REDIS_REST_URL) return async () => {};
  const { startUpstashBridge } = await import("../emulator/upstash/bridge");
  const bridge = await startUpstashBridge({ redisUrl: process.env.REDIS_URL });
  // Workers are forked after global setup and inherit these.
  process.env.UPSTASH_REDIS_REST_URL = bridge.url;
  process.env.UPSTASH_REDIS_REST_TOKEN = bridge.token;
  return () => bridge.close();
}

async function prepareDatabase() {
  if (process.env.DATABASE_URL) {
    // The run drops the schema: refuse anything that does not look like a test database.
    const name = new URL(process.env.DATABASE_URL).pathname.slice(1);
    if (!/test/i.test(name) && process.env.ALLOW_TEST_DB_RESET !== "1") {
      throw new Error(`Refusing to reset database "${name}": tests need a database whose name contains "test".`);
    }
    const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await sql.unsafe(
      "drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;",
    );
    await migratePg(drizzlePg(sql), { migrationsFolder: MIGRATIONS });
    await sql.end();
    return;
  }
  fs.mkdirSync(path.dirname(SNAPSHOT), { recursive: true });
  const pg = new PGlite();
  await migrate(drizzle(pg), { migrationsFolder: MIGRATIONS });
  const dump = await pg.dumpDataDir("gzip");
  fs.writeFileSync(SNAPSHOT, Buffer.from(await dump.arrayBuffer()));
  await pg.close();
}

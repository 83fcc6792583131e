import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import * as schema from "./schema";
import { resolveDatabaseTarget, type DatabaseTarget } from "./target";

export { schema };
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

type Handle = {
  db: Db;
  target: DatabaseTarget;
  migrated?: Promise<void>;
  close(): Promise<void>;
  pglite?: PGlite;
};

// One handle per process. Next's dev server re-evaluates modules on hot reload;
// globalThis survives that, so a PGlite directory is never opened twice.
const g = globalThis as unknown as { __seoDb?: Handle };

function open(): Handle {
  const target = resolveDatabaseTarget();
  if (target.kind === "postgres") {
    const client = postgres(target.url, {
      max: target.poolSize,
      onnotice: () => {},
      connect_timeout: 5,
      // pglite-socket runs one backend for every client: named prepared
      // statements from two clients would collide there.
      prepare: !target.viaPgliteSocket,
    });
    return {
      db: drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Db,
      target,
      close: () => client.end({ timeout: 5 }),
    };
  }
  let pglite: PGlite;
  if (target.kind === "pglite-snapshot") {
    const blob = new Blob([fs.readFileSync(target.snapshot)]);
    pglite = new PGlite({ loadDataDir: blob });
  } else {
    fs.mkdirSync(path.dirname(target.dir), { recursive: true });
    pglite = new PGlite(target.dir);
  }
  return {
    db: drizzlePglite(pglite, { schema, casing: "snake_case" }) as unknown as Db,
    target,
    pglite,
    close: () => pglite.close(),
  };
}

function handle(): Handle {
  g.__seoDb ??= open();
  return g.__seoDb;
}

/** The process-wide database. Only domain code under lib/ should call this. */
export function db(): Db {
  return handle().db;
}

export function databaseKind(): DatabaseTarget["kind"] {
  return handle().target.kind;
}

/** The raw PGlite instance when this process owns one (the dev orchestrator shares it over a socket). */
export function ownedPglite(): PGlite | undefined {
  return handle().pglite;
}

/** Applies committed migrations once per process; safe to call from every entry point. */
export function migrateDatabase(): Promise<void> {
  const h = handle();
  h.migrated ??= (async () => {
    if (h.target.kind === "pglite-snapshot") return; // snapshot is already migrated
    const config = { migrationsFolder: MIGRATIONS_DIR };
    if (h.pglite) await migratePglite(h.db as never, config);
    else await migratePostgres(h.db as never, config);
  })();
  return h.migrated;
}

export async function pingDatabase(): Promise<void> {
  await db().execute(sql`select 1`);
}

export async function closeDatabase(): Promise<void> {
  const h = g.__seoDb;
  g.__seoDb = undefined;
  if (h) await h.close();
}

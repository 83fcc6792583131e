import { sql } from "drizzle-orm";
import { db } from "@/db";

/** Empties every application table (schema and migrations stay). */
export async function resetDb(): Promise<void> {
  const rows = await db().execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  const list = (Array.isArray(rows) ? rows : (rows as { rows: { tablename: string }[] }).rows).map(
    (r) => `"${r.tablename}"`,
  );
  if (list.length) await db().execute(sql.raw(`truncate ${list.join(", ")} restart identity cascade`));
}

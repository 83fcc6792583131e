/**
 * Runs once when a Next server process starts: validate configuration and bring
 * the schema up to date before the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  env();
  const { migrateDatabase } = await import("@/db");
  await migrateDatabase();
  const { startBackgroundServices } = await import("@/lib/jobs/background");
  await startBackgroundServices();
}

import path from "node:path";
import { afterAll } from "vitest";

// Every test file gets a clean, fully working configuration with no external services.
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.AUTH_SECRET ??= "test-auth-secret-at-least-32-characters-long";
process.env.AUDIT_ALLOW_PRIVATE_NETWORKS ??= "1";
process.env.APP_URL ??= "http://localhost:3000";
if (!process.env.DATABASE_URL) process.env.PGLITE_SNAPSHOT = path.resolve(".data/test/pglite-template.tar.gz");

afterAll(async () => {
  // Only close what this file opened; importing db here would open it for pure unit tests.
  const g = globalThis as { __seoDb?: unknown };
  if (g.__seoDb) {
    const { closeDatabase } = await import("@/db");
    await closeDatabase();
  }
});

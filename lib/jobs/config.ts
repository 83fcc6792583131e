import { z } from "zod";

/**
 * Pipeline tuning read from the environment (kept here rather than in
 * lib/env.ts: only the job functions and the runner use it).
 */
const schema = z.object({
  // Audits running at once across all customers (the customer limit is always 1).
  AUDIT_CONCURRENCY: z.coerce.number().int().positive().default(4),
  // Runs one in-process runner executes at once.
  JOB_RUNNER_CONCURRENCY: z.coerce.number().int().positive().default(4),
  JOB_RUNNER_POLL_MS: z.coerce.number().int().positive().default(500),
  JOB_RUNNER_LEASE_MS: z.coerce.number().int().positive().default(30_000),
  // Base retry backoff; tests shrink it.
  JOB_RETRY_BASE_MS: z.coerce.number().int().nonnegative().default(1000),
  // "off" disables the in-process runner in this process (e.g. a web-only instance).
  JOB_RUNNER: z.enum(["on", "off"]).default("on"),
});

export type JobsConfig = z.infer<typeof schema>;

export function jobsConfig(source: Record<string, string | undefined> = process.env): JobsConfig {
  return schema.parse(source);
}

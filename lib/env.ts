import { z } from "zod";

/**
 * Every environment variable the app reads, validated once. Development gets a
 * working default for everything so `npm run dev` needs no configuration; a
 * production start (NODE_ENV=production without APP_DEMO=1) refuses to boot
 * without the secrets that must never fall back to a default.
 */
const bool = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

/**
 * Pipeline tuning. Also parsed on its own by lib/jobs/config.ts on every call (tests change these between
 * cases), but declared here so this file stays the one list of variables.
 */
export const jobsEnvSchema = z.object({
  // Audits running at once across all customers (the per-customer limit is always 1).
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

const schema = z.object({
  ...jobsEnvSchema.shape,
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_DEMO: bool,
  APP_URL: z.url().default("http://localhost:3000"),
  PORT: z.coerce.number().int().positive().default(3000),
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(1),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),

  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  PGLITE_DIR: z.string().default(".data/pglite"),

  AUTH_SECRET: z.string().min(16).optional(),
  AUTH_SESSION_MAX_AGE: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60),
  ADMIN_EMAILS: z.string().default(""),

  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_WEBHOOK_SECRET_PREVIOUS: z.string().optional(),
  STRIPE_WEBHOOK_TOLERANCE: z.coerce.number().int().positive().default(300),
  STRIPE_PUBLISHABLE_KEY: z.string().optional(),
  STRIPE_EMULATOR_URL: z.url().default("http://127.0.0.1:12111"),
  STRIPE_WEBHOOK_URL: z.url().optional(),

  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_BASE_URL: z.string().optional(),
  INNGEST_DEV: z.string().optional(),

  UPSTASH_REDIS_REST_URL: z.url().optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
  REDIS_URL: z.string().optional(),

  SMTP_URL: z.string().optional(),
  EMAIL_FROM: z.string().default("SEO Health Report <reports@seohealth.local>"),

  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().optional(),
  S3_ENDPOINT: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),

  AUDIT_ALLOW_PRIVATE_NETWORKS: bool,
  AUDIT_CHUNK_PAGES: z.coerce.number().int().positive().default(100),
  SELLER_NAME: z.string().default("SEO Health Report Ltd."),
  SELLER_ADDRESS: z.string().default("1 Example Street, London, UK"),
  SELLER_TAX_ID: z.string().default(""),

  // Set by `npm run dev`/`npm start` and the test harness, never by hand (documented in .env.example all the same).
  PGLITE_SOCKET_PORT: z.coerce.number().int().positive().optional(),
  DATABASE_VIA_PGLITE_SOCKET: bool,
  PGLITE_SNAPSHOT: z.string().optional(),
});

/** Every variable name the app reads; `.env.example` must document exactly these (lib/env.test.ts checks). */
export const ENV_VARIABLES = Object.keys(schema.shape) as (keyof Env)[];

export type Env = z.infer<typeof schema>;

/** Variables a real deployment cannot run without. */
export const PRODUCTION_REQUIRED = [
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "AUTH_SECRET",
  "DATABASE_URL",
] as const;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new EnvError(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && !env.APP_DEMO) {
    for (const name of PRODUCTION_REQUIRED) {
      if (!source[name]) {
        throw new EnvError(
          `Missing required environment variable ${name} (set it, or APP_DEMO=1 to run production on embedded defaults)`,
        );
      }
    }
  }
  return env;
}

let cached: Env | undefined;

/** Parsed environment; validated on first use and cached for the process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env between cases; this drops the cache. */
export function resetEnvCache(): void {
  cached = undefined;
}

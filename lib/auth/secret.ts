import { createHash, randomBytes } from "node:crypto";

const g = globalThis as unknown as { __seoAuthSecret?: string };

/**
 * The key Auth.js encrypts session JWTs with. AUTH_SECRET when set (lib/env
 * refuses a real production start without it). Development and tests get a
 * stable default derived from the checkout path, so sessions survive restarts;
 * a production demo (APP_DEMO=1) without AUTH_SECRET gets a random per-process
 * key, never a guessable constant.
 *
 * Reads process.env directly: proxy.ts imports this on every request and must stay light.
 */
export function authSecret(): string {
  const configured = process.env.AUTH_SECRET;
  if (configured) return configured;
  if (process.env.NODE_ENV === "production") {
    g.__seoAuthSecret ??= randomBytes(32).toString("base64url");
    return g.__seoAuthSecret;
  }
  return createHash("sha256").update(`seo-health-report dev auth secret:${process.cwd()}`).digest("base64url");
}

import { describe, expect, it } from "vitest";
import { rateLimitStore } from "./limiter";
import { enforceRateLimit } from "./enforce";
import { AppError } from "@/lib/errors";

// The configured store: in-process by default, Upstash (through the Redis bridge) when CI sets REDIS_URL.
describe(`rate limit store (${process.env.UPSTASH_REDIS_REST_URL ? "upstash" : "memory"})`, () => {
  const rule = { bucket: `test-${Date.now()}`, limit: 2, windowSeconds: 30 };

  it("is the store the configuration asks for", () => {
    expect(rateLimitStore().kind).toBe(process.env.UPSTASH_REDIS_REST_URL ? "upstash" : "memory");
  });

  it("counts per key and refuses past the limit with a 429 and Retry-After", async () => {
    await enforceRateLimit(rule, "a");
    await enforceRateLimit(rule, "a");
    await enforceRateLimit(rule, "b");
    const err = await enforceRateLimit(rule, "a").catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("rate_limited");
    expect(err.retryAfter).toBeGreaterThan(0);
    expect(err.retryAfter).toBeLessThanOrEqual(30);
  });

  it("reset gives the key its budget back", async () => {
    await rateLimitStore().reset(rule, "a");
    await expect(enforceRateLimit(rule, "a")).resolves.toBeUndefined();
  });

  it("answers ping", async () => {
    await expect(rateLimitStore().ping()).resolves.toBeUndefined();
  });
});

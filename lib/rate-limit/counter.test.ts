import { describe, expect, it } from "vitest";
import { rateLimitStore } from "./limiter";

// The configured store's fixed-window counters (memory by default, Upstash through the bridge when REDIS_URL is set).
describe(`rate limit store counters (${process.env.UPSTASH_REDIS_REST_URL ? "upstash" : "memory"})`, () => {
  const bucket = `ctr-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;

  it("increments within one window, peeks without changing, clears", async () => {
    const store = rateLimitStore();
    expect(await store.peek(bucket, "k")).toBeNull();
    const a = await store.increment(bucket, "k", 60);
    const b = await store.increment(bucket, "k", 60);
    expect([a.count, b.count]).toEqual([1, 2]);
    expect(a.reset).toBeGreaterThan(Date.now() + 55_000);
    expect(a.reset).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(Math.abs(b.reset - a.reset)).toBeLessThan(1_000); // later increments do not extend the window
    const p = await store.peek(bucket, "k");
    expect(p?.count).toBe(2);
    expect((await store.peek(bucket, "k"))?.count).toBe(2);
    expect(await store.peek(bucket, "other")).toBeNull();
    await store.clear(bucket, "k");
    expect(await store.peek(bucket, "k")).toBeNull();
  });

  it("expires with its window", async () => {
    const store = rateLimitStore();
    await store.increment(bucket, "short", 1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await store.peek(bucket, "short")).toBeNull();
    expect((await store.increment(bucket, "short", 1)).count).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { createMemoryLimiter } from "./memory-limiter";

describe("memory rate limiter", () => {
  const rule = { bucket: "t", limit: 3, windowSeconds: 10 };

  it("allows up to the limit inside the window, then refuses", async () => {
    let t = 1_000_000;
    const l = createMemoryLimiter(() => t);
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await l.limit(rule, "ip1")).success);
    expect(results).toEqual([true, true, true, false]);
    expect((await l.limit(rule, "ip2")).success).toBe(true);
    t += 10_001;
    expect((await l.limit(rule, "ip1")).success).toBe(true);
  });

  it("reset clears one key", async () => {
    const l = createMemoryLimiter();
    for (let i = 0; i < 3; i++) await l.limit(rule, "k");
    expect((await l.limit(rule, "k")).success).toBe(false);
    await l.reset(rule, "k");
    expect((await l.limit(rule, "k")).remaining).toBe(2);
  });
});

describe("memory counters", () => {
  it("count within a fixed window that later increments do not extend", async () => {
    let t = 5_000_000;
    const l = createMemoryLimiter(() => t);
    expect(await l.peek("fail", "a")).toBeNull();
    expect(await l.increment("fail", "a", 60)).toEqual({ count: 1, reset: 5_060_000 });
    t += 30_000;
    expect(await l.increment("fail", "a", 60)).toEqual({ count: 2, reset: 5_060_000 });
    expect(await l.peek("fail", "a")).toEqual({ count: 2, reset: 5_060_000 });
    expect(await l.peek("fail", "b")).toBeNull();
    t += 30_000;
    expect(await l.peek("fail", "a")).toBeNull();
    expect((await l.increment("fail", "a", 60)).count).toBe(1);
    await l.clear("fail", "a");
    expect(await l.peek("fail", "a")).toBeNull();
  });
});

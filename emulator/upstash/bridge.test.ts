import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstashBridge, type UpstashBridge } from "./bridge";

const redisUrl = process.env.REDIS_URL;

// Runs only where a Redis server is configured (CI sets REDIS_URL); the bridge has nothing to talk to otherwise.
describe.skipIf(!redisUrl)("Upstash REST bridge over real Redis", () => {
  let bridge: UpstashBridge;
  let redis: Redis;
  beforeAll(async () => {
    bridge = await startUpstashBridge({ redisUrl: redisUrl! });
    redis = new Redis({ url: bridge.url, token: bridge.token });
  });
  afterAll(() => bridge?.close());

  it("round-trips strings through base64 encoding, and pipelines", async () => {
    const key = `bridge-test:${Date.now()}`;
    await redis.set(key, "héllo → wörld");
    expect(await redis.get(key)).toBe("héllo → wörld");
    const p = redis.pipeline();
    p.incr(`${key}:n`);
    p.incr(`${key}:n`);
    expect(await p.exec()).toEqual([1, 2]);
    const tx = redis.multi();
    tx.set(`${key}:t`, "a");
    tx.get(`${key}:t`);
    expect(await tx.exec()).toEqual(["OK", "a"]);
  });

  it("rejects a wrong token", async () => {
    const bad = new Redis({ url: bridge.url, token: "wrong" });
    await expect(bad.get("x")).rejects.toThrow();
  });

  it("runs @upstash/ratelimit's Lua scripts (shebang flags stripped)", async () => {
    const limiter = new Ratelimit({
      redis,
      limiter: Ratelimit.slidingWindow(2, "10 s"),
      prefix: `rl-test-${Date.now()}`,
    });
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await limiter.limit("ip")).success);
    expect(outcomes).toEqual([true, true, false]);
  });
});

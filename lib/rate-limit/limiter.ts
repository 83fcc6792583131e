import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { env } from "@/lib/env";
import { createMemoryLimiter } from "./memory-limiter";

export type LimitResult = { success: boolean; limit: number; remaining: number; reset: number };
export type LimitRule = { bucket: string; limit: number; windowSeconds: number };
/** A fixed-window counter's value; `reset` is when it expires (ms since epoch). */
export type CounterValue = { count: number; reset: number };

export interface RateLimitStore {
  readonly kind: "upstash" | "memory";
  limit(rule: LimitRule, key: string): Promise<LimitResult>;
  reset(rule: LimitRule, key: string): Promise<void>;
  ping(): Promise<void>;
  /**
   * Fixed-window counter (failed sign-ins, lockouts): adds 1 and returns the new
   * value. The window starts at the first increment and is not extended by later ones.
   */
  increment(bucket: string, key: string, windowSeconds: number): Promise<CounterValue>;
  /** The counter without changing it; null when absent or expired. */
  peek(bucket: string, key: string): Promise<CounterValue | null>;
  clear(bucket: string, key: string): Promise<void>;
}

function createUpstashLimiter(url: string, token: string): RateLimitStore {
  const redis = new Redis({ url, token });
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (rule: LimitRule) => {
    const id = `${rule.bucket}:${rule.limit}:${rule.windowSeconds}`;
    let l = limiters.get(id);
    if (!l) {
      l = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSeconds} s`),
        prefix: `rl:${rule.bucket}`,
      });
      limiters.set(id, l);
    }
    return l;
  };
  return {
    kind: "upstash",
    async limit(rule, key) {
      const r = await limiterFor(rule).limit(key);
      return { success: r.success, limit: r.limit, remaining: r.remaining, reset: r.reset };
    },
    async reset(rule, key) {
      await limiterFor(rule).resetUsedTokens(key);
    },
    async ping() {
      await redis.ping();
    },
    async increment(bucket, key, windowSeconds) {
      const k = `ctr:${bucket}:${key}`;
      // SET NX PX starts the window once; INCR keeps the TTL.
      const [, count, ttl] = await redis
        .multi()
        .set(k, 0, { nx: true, px: windowSeconds * 1000 })
        .incr(k)
        .pttl(k)
        .exec<[unknown, number, number]>();
      return { count, reset: Date.now() + Math.max(ttl, 0) };
    },
    async peek(bucket, key) {
      const k = `ctr:${bucket}:${key}`;
      const [value, ttl] = await redis.multi().get<number>(k).pttl(k).exec<[number | null, number]>();
      if (value === null || ttl === -2) return null;
      return { count: Number(value), reset: Date.now() + Math.max(ttl, 0) };
    },
    async clear(bucket, key) {
      await redis.del(`ctr:${bucket}:${key}`);
    },
  };
}

const g = globalThis as unknown as { __seoLimiter?: RateLimitStore };

/** Upstash when REST credentials are configured, else an in-process sliding window with the same contract. */
export function rateLimitStore(): RateLimitStore {
  if (!g.__seoLimiter) {
    const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = env();
    g.__seoLimiter = url && token ? createUpstashLimiter(url, token) : createMemoryLimiter();
  }
  return g.__seoLimiter;
}

/** Tests swap the store (e.g. to reset state between cases). */
export function setRateLimitStore(store: RateLimitStore | undefined): void {
  g.__seoLimiter = store;
}

import type { CounterValue, LimitResult, LimitRule, RateLimitStore } from "./limiter";

/**
 * Sliding-window log per key, like Upstash's slidingWindow but exact. Suits a
 * single process; several app instances need the Upstash store.
 */
export function createMemoryLimiter(now: () => number = Date.now): RateLimitStore {
  const hits = new Map<string, number[]>();
  const counters = new Map<string, CounterValue>();
  let calls = 0;
  const sweep = () => {
    const t = now();
    for (const [k, list] of hits) if (list.length === 0 || list[list.length - 1]! < t - 24 * 3600_000) hits.delete(k);
    for (const [k, c] of counters) if (c.reset <= t) counters.delete(k);
  };
  const live = (id: string) => {
    const c = counters.get(id);
    if (c && c.reset <= now()) {
      counters.delete(id);
      return undefined;
    }
    return c;
  };
  return {
    kind: "memory",
    async limit(rule: LimitRule, key: string): Promise<LimitResult> {
      if (++calls % 10_000 === 0) sweep();
      const id = `${rule.bucket}:${key}`;
      const t = now();
      const windowMs = rule.windowSeconds * 1000;
      const list = (hits.get(id) ?? []).filter((h) => h > t - windowMs);
      const success = list.length < rule.limit;
      if (success) list.push(t);
      hits.set(id, list);
      const reset = (list[0] ?? t) + windowMs;
      return { success, limit: rule.limit, remaining: Math.max(0, rule.limit - list.length), reset };
    },
    async reset(rule, key) {
      hits.delete(`${rule.bucket}:${key}`);
    },
    async ping() {},
    async increment(bucket, key, windowSeconds) {
      if (++calls % 10_000 === 0) sweep();
      const id = `${bucket}:${key}`;
      const c = live(id) ?? { count: 0, reset: now() + windowSeconds * 1000 };
      const next = { count: c.count + 1, reset: c.reset };
      counters.set(id, next);
      return { ...next };
    },
    async peek(bucket, key) {
      const c = live(`${bucket}:${key}`);
      return c ? { ...c } : null;
    },
    async clear(bucket, key) {
      counters.delete(`${bucket}:${key}`);
    },
  };
}

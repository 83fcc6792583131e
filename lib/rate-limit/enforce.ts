import { AppError } from "@/lib/errors";
import { rateLimitStore, type LimitRule } from "./limiter";

/** Throws a 429 AppError with Retry-After when `key` has used up `rule`. */
export async function enforceRateLimit(rule: LimitRule, key: string): Promise<void> {
  const r = await rateLimitStore().limit(rule, key);
  if (!r.success) {
    const retryAfter = Math.max(1, Math.ceil((r.reset - Date.now()) / 1000));
    throw new AppError("rate_limited", `Too many requests. Try again in ${retryAfter} seconds.`, { retryAfter });
  }
}

export const RULES = {
  api: { bucket: "api", limit: 300, windowSeconds: 60 },
  auth: { bucket: "auth", limit: 20, windowSeconds: 60 },
  checkout: { bucket: "checkout", limit: 10, windowSeconds: 60 },
} satisfies Record<string, LimitRule>;

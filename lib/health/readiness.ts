import { pingDatabase } from "@/db";
import { rateLimitStore } from "@/lib/rate-limit/limiter";
import { stripe } from "@/lib/billing/stripe-client";
import { jobRunnerHealth } from "@/lib/jobs/health";

export type CheckResult = { name: string; ok: boolean; required: boolean; latencyMs: number; error?: string };
export type ReadinessCheck = { name: string; required: boolean; run: () => Promise<void> };

const TIMEOUT_MS = 3_000;

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });
}

export function defaultChecks(): ReadinessCheck[] {
  return [
    { name: "database", required: true, run: pingDatabase },
    { name: "rateLimitStore", required: true, run: () => rateLimitStore().ping() },
    {
      name: "paymentApi",
      required: true,
      run: async () => {
        await stripe().products.list({ limit: 1 });
      },
    },
    { name: "jobRunner", required: true, run: jobRunnerHealth },
  ];
}

/** Runs every check concurrently; ready only when every required one passes. */
export async function runReadiness(checks: ReadinessCheck[] = defaultChecks()) {
  const results: CheckResult[] = await Promise.all(
    checks.map(async (c) => {
      const start = performance.now();
      try {
        await withTimeout(c.run(), TIMEOUT_MS);
        return { name: c.name, ok: true, required: c.required, latencyMs: Math.round(performance.now() - start) };
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        return {
          name: c.name,
          ok: false,
          required: c.required,
          latencyMs: Math.round(performance.now() - start),
          error,
        };
      }
    }),
  );
  const ready = results.every((r) => r.ok || !r.required);
  return { ready, checks: results };
}

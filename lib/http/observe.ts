import type { NextRequest } from "next/server";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/metrics/registry";

/** One log line and one histogram sample per request, whatever the outcome. */
export async function observeRequest(
  req: NextRequest,
  route: string,
  requestId: string,
  run: () => Promise<Response>,
): Promise<Response> {
  const start = performance.now();
  const res = await run();
  const seconds = (performance.now() - start) / 1000;
  metrics().httpDuration.observe({ method: req.method, route, status: String(res.status) }, seconds);
  logger.info(
    {
      requestId,
      method: req.method,
      route,
      path: req.nextUrl.pathname,
      status: res.status,
      latencyMs: Math.round(seconds * 1000),
    },
    "request",
  );
  return res;
}

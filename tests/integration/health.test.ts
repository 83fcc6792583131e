import { afterEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/health/route";
import { GET as ready } from "@/app/ready/route";
import { GET as metricsRoute } from "@/app/metrics/route";
import { runReadiness } from "@/lib/health/readiness";
import { request } from "../http";

describe("health endpoints", () => {
  afterEach(() => {
    delete process.env.__unused;
  });

  it("GET /health answers ok without touching dependencies", async () => {
    const res = await health(request("/health"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("GET /ready names each check", async () => {
    const res = await ready(request("/ready"));
    const body = await res.json();
    const names = body.checks.map((c: { name: string }) => c.name);
    expect(names).toEqual(["database", "rateLimitStore", "paymentApi", "jobRunner"]);
    const db = body.checks.find((c: { name: string }) => c.name === "database");
    expect(db.ok).toBe(true);
  });

  it("readiness is 503-worthy when a required check fails, and names it", async () => {
    const r = await runReadiness([
      {
        name: "database",
        required: true,
        run: async () => {
          throw new Error("connection refused");
        },
      },
      {
        name: "optional",
        required: false,
        run: async () => {
          throw new Error("meh");
        },
      },
      { name: "fine", required: true, run: async () => {} },
    ]);
    expect(r.ready).toBe(false);
    expect(r.checks[0]).toMatchObject({ name: "database", ok: false, error: "connection refused" });
  });

  it("GET /metrics exposes default and HTTP metrics in Prometheus format", async () => {
    await health(request("/health"));
    const res = await metricsRoute();
    const text = await res.text();
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="health",status="200"\} \d+/);
  });
});

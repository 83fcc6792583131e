import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";

describe("/api/inngest", () => {
  it("serves every durable function to an Inngest dev server", async () => {
    process.env.INNGEST_DEV = "1";
    try {
      const { GET } = await import("@/app/api/inngest/route");
      const res = await GET(new NextRequest("http://localhost:3000/api/inngest"), undefined as never);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { function_count?: number; mode?: string };
      // Every function in inngest/functions, plus one per onFailure handler (Inngest registers those as functions).
      const { jobs } = await import("@/inngest/functions");
      const expected = jobs.length + jobs.filter((j) => j.onFailure).length;
      expect(jobs.map((j) => j.config.id)).toEqual(
        expect.arrayContaining(["run-audit", "render-report", "monthly-reaudit", "send-billing-email"]),
      );
      expect(body).toMatchObject({ function_count: expected, mode: "dev" });
    } finally {
      delete process.env.INNGEST_DEV;
    }
  });
});

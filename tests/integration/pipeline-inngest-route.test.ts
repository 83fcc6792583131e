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
      // run-audit, render-report, monthly-reaudit + the two onFailure handlers Inngest registers as functions.
      expect(body).toMatchObject({ function_count: 5, mode: "dev" });
    } finally {
      delete process.env.INNGEST_DEV;
    }
  });
});

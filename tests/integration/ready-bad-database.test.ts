import { describe, expect, it } from "vitest";
import { request } from "../http";

// Nothing listens on port 1: the database check must fail and be named.
process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/nope";

describe("/ready with an unreachable database", () => {
  it("answers 503 naming the database check", async () => {
    const { GET } = await import("@/app/ready/route");
    const res = await GET(request("/ready"));
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.status).toBe("not_ready");
    const check = body.checks.find((c: { name: string }) => c.name === "database");
    expect(check.ok).toBe(false);
    expect(check.error).toBeTruthy();
  });
});

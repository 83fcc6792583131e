import { beforeEach, describe, expect, it } from "vitest";
import { db, schema } from "@/db";
import { getAuditInsights } from "@/lib/audit-runs/insights";
import { resetDb } from "../db";

async function user(email: string) {
  const [u] = await db().insert(schema.users).values({ email }).returning();
  return { id: u!.id, role: "user" };
}

async function audit(userId: string, createdAt: string, over: Partial<typeof schema.audits.$inferInsert> = {}) {
  const [a] = await db()
    .insert(schema.audits)
    .values({
      userId,
      plan: "pro",
      siteUrl: "https://ex.com/",
      status: "completed",
      createdAt: new Date(createdAt),
      ...over,
    })
    .returning();
  return a!;
}

describe("audit insights (trend, keywords, competitors)", () => {
  beforeEach(resetDb);

  it("returns the stored keyword and competitor reports and the previous completed audit of the same site", async () => {
    const ann = await user("ann@example.com");
    await audit(ann.id, "2026-09-01T00:00:00Z", { score: 40, finishedAt: new Date("2026-09-01T01:00:00Z") });
    const prev = await audit(ann.id, "2026-10-01T00:00:00Z", {
      score: 55,
      categories: { "on-page": 50 },
      finishedAt: new Date("2026-10-01T01:00:00Z"),
    });
    await audit(ann.id, "2026-10-15T00:00:00Z", { status: "failed" });
    await audit(ann.id, "2026-10-20T00:00:00Z", { siteUrl: "https://other.example/", score: 90 });
    const kw = { keyword: "widgets", pages: 2, bestPage: "https://ex.com/w", inTitle: 1, inH1: 1, missing: false };
    const rival = { url: "https://rival.example/", score: 70, categories: { "on-page": 80 }, pages: 50 };
    const now = await audit(ann.id, "2026-11-01T00:00:00Z", {
      score: 61,
      summary: { keywords: [kw], competitors: [rival] },
    });

    const i = await getAuditInsights(now.id, ann);
    expect(i.keywords).toEqual([kw]);
    expect(i.competitors).toEqual([rival]);
    expect(i.previous).toMatchObject({ id: prev.id, score: 55, categories: { "on-page": 50 } });
    expect(i.previous!.date).toBe("2026-10-01T01:00:00.000Z");

    const first = await getAuditInsights((await audit(ann.id, "2026-08-01T00:00:00Z")).id, ann);
    expect(first).toEqual({ keywords: [], competitors: [], previous: null });
  });

  it("is not found for anyone but the owner or an admin", async () => {
    const ann = await user("ann@example.com");
    const bob = await user("bob@example.com");
    const a = await audit(ann.id, "2026-11-01T00:00:00Z");
    await expect(getAuditInsights(a.id, bob)).rejects.toMatchObject({ code: "not_found" });
    await expect(getAuditInsights(a.id, { id: bob.id, role: "admin" })).resolves.toMatchObject({ previous: null });
  });
});

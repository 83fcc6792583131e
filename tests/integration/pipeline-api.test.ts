import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { GET as statusGet } from "@/app/api/audits/[id]/route";
import { POST as cancelPost } from "@/app/api/audits/[id]/cancel/route";
import { GET as reportGet } from "@/app/api/audits/[id]/report/route";
import { jobs } from "@/inngest/functions";
import { sendEvent } from "@/lib/jobs/send-event";
import { startRunner } from "@/lib/jobs/runner/runner";
import { params, request } from "../http";
import { makeAdmin, registerUser, resetAll } from "./accounts.helpers";
import { serveFixtureSite, until } from "./pipeline.helpers";

let site: Awaited<ReturnType<typeof serveFixtureSite>>;

async function auditFor(userId: string, siteUrl: string) {
  const [a] = await db().insert(schema.audits).values({ userId, plan: "starter", siteUrl }).returning();
  return a!;
}

const get = (id: string, cookie?: string) =>
  statusGet(request(`/api/audits/${id}`, { headers: cookie ? { cookie } : {} }), params({ id }));
const pdf = (id: string, cookie: string) =>
  reportGet(request(`/api/audits/${id}/report`, { headers: { cookie } }), params({ id }));
const cancel = (id: string, cookie: string) =>
  cancelPost(request(`/api/audits/${id}/cancel`, { method: "POST", headers: { cookie } }), params({ id }));

describe("audit API: status, cancel, report download", () => {
  beforeAll(async () => {
    site = await serveFixtureSite(10);
  });
  afterAll(() => site.close());
  beforeEach(resetAll);

  it("owner and admin see status and download the PDF; others get 404", async () => {
    const owner = await registerUser("owner@example.com");
    const other = await registerUser("other@example.com");
    const admin = await registerUser("admin@example.com");
    await makeAdmin(admin.id);
    const audit = await auditFor(owner.id, site.url);

    expect((await get(audit.id)).status).toBe(401);
    expect((await get(audit.id, other.cookie)).status).toBe(404);
    const pending = await (await get(audit.id, owner.cookie)).json();
    expect(pending).toMatchObject({ id: audit.id, status: "pending", report: { status: "pending", url: null } });
    expect((await pdf(audit.id, owner.cookie)).status).toBe(409);

    const runner = startRunner({ jobs, pollMs: 20, crons: false });
    try {
      await sendEvent({ name: "audit/requested", data: { auditId: audit.id } });
      await until(async () => (await (await get(audit.id, owner.cookie)).json()).report.status === "ready");
    } finally {
      await runner.stop();
    }
    const done = await (await get(audit.id, owner.cookie)).json();
    expect(done).toMatchObject({
      status: "completed",
      progress: { phase: "done" },
      report: { url: `/api/audits/${audit.id}/report` },
    });
    expect(done.score).toEqual(expect.any(Number));

    const res = await pdf(audit.id, owner.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="seo-report-127.0.0.1.pdf"');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await pdf(audit.id, admin.cookie)).status).toBe(200);
    expect((await pdf(audit.id, other.cookie)).status).toBe(404);
    expect((await cancel(audit.id, owner.cookie)).status).toBe(409);
  });

  it("only the owner cancels a pending audit; the event is queued with it", async () => {
    const owner = await registerUser("owner@example.com");
    const other = await registerUser("other@example.com");
    const audit = await auditFor(owner.id, site.url);
    expect((await cancel(audit.id, other.cookie)).status).toBe(404);
    const res = await cancel(audit.id, owner.cookie);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "cancelled" });
    const events = await db().select().from(schema.jobEvents).where(eq(schema.jobEvents.name, "audit/cancelled"));
    expect(events.map((e) => e.data)).toEqual([{ auditId: audit.id }]);
    expect((await (await get(audit.id, owner.cookie)).json()).status).toBe("cancelled");
  });
});

import { z } from "zod";
import { route } from "@/lib/http/route";
import { listUserAudits } from "@/lib/audit-runs/queries";
import { auditRequestInput, requestAudit } from "@/lib/audit-runs/request-audit";

export const GET = route(
  {
    name: "audits.list",
    auth: "user",
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
  },
  async ({ user, query }) => ({ audits: await listUserAudits(user.id, query.limit) }),
);

export const POST = route({ name: "audits.create", auth: "user", body: auditRequestInput }, async ({ user, body }) => {
  const { id } = await requestAudit(user.id, body);
  return Response.json({ id, url: `/dashboard/audits/${id}` }, { status: 201 });
});

import { z } from "zod";
import { queryAuditLog } from "@/lib/audit-log/record";
import { route } from "@/lib/http/route";

const hint = "Use an ISO date such as 2026-11-22.";
// Bounded: a far-future year serialises as "+099999-…", which the database refuses (a 500, not a 400).
const date = z.coerce.date(hint).min(new Date("1970-01-01"), hint).max(new Date("9999-12-31T23:59:59Z"), hint);
const query = z.object({
  action: z.string().max(100).optional(),
  actor: z.string().max(320).optional(),
  targetId: z.string().max(100).optional(),
  from: date.optional(),
  to: date.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const GET = route({ name: "admin.audit_log", auth: "admin", query }, async ({ query }) => queryAuditLog(query));

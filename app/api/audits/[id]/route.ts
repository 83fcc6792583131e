import { route } from "@/lib/http/route";
import { getAuditStatus } from "@/lib/audit-runs/queries";

export const GET = route({ name: "audits.status", auth: "user", rateLimit: false }, ({ params, user }) =>
  getAuditStatus(params.id!, user),
);

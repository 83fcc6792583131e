import { route } from "@/lib/http/route";
import { cancelAudit } from "@/lib/audit-runs/lifecycle";

export const POST = route({ name: "audits.cancel", auth: "user" }, ({ params, user }) =>
  cancelAudit(params.id!, user.id),
);

import { z } from "zod";
import { changeRole } from "@/lib/auth/change-role";
import { route } from "@/lib/http/route";

const body = z.object({ role: z.enum(["user", "admin"], 'Role must be "user" or "admin".') });

export const PATCH = route(
  { name: "admin.users.role", auth: "admin", body },
  async ({ user, params, body, ip, userAgent }) => ({
    user: await changeRole(user, params.id!, body.role, { ip, userAgent }),
  }),
);

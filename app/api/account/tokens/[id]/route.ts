import { revokeApiToken } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";

export const DELETE = route(
  { name: "account.tokens.revoke", auth: "user" },
  async ({ user, params, ip, userAgent }) => ({
    tokenInfo: await revokeApiToken(user, params.id!, { ip, userAgent }),
  }),
);

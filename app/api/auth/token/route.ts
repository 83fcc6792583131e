import { z } from "zod";
import { createApiToken } from "@/lib/auth/api-tokens";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { route } from "@/lib/http/route";
import { RULES } from "@/lib/rate-limit/enforce";

const body = z.object({
  email: z.string("Enter your email.").min(1, "Enter your email.").max(320),
  password: z.string("Enter your password.").min(1, "Enter your password.").max(1024),
  name: z.string().trim().min(1).max(80).optional(),
});

/** Email + password → a new personal API token (for scripts and API clients). */
export const POST = route(
  { name: "auth.token", auth: "public", body, rateLimit: RULES.auth },
  async ({ body, ip, userAgent }) => {
    const user = await verifyCredentials(body, { via: "api", ip, userAgent });
    const { token, info } = await createApiToken(user, body.name ?? "API sign-in", { ip, userAgent });
    return { token, tokenInfo: info };
  },
);

import { z } from "zod";
import { confirmPasswordReset } from "@/lib/auth/password-reset";
import { route } from "@/lib/http/route";
import { RULES } from "@/lib/rate-limit/enforce";

const body = z.object({
  token: z.string("The reset link is incomplete.").min(10, "The reset link is incomplete.").max(200),
  password: z.string("Enter a new password.").max(1024),
});

export const POST = route(
  { name: "auth.password_reset.confirm", auth: "public", body, rateLimit: RULES.auth },
  async ({ body, ip, userAgent }) => {
    await confirmPasswordReset(body.token, body.password, { ip, userAgent });
    return { ok: true, message: "Your password was changed. Sign in with the new one." };
  },
);

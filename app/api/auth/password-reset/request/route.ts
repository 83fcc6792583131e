import { z } from "zod";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { route } from "@/lib/http/route";
import { RULES } from "@/lib/rate-limit/enforce";

const body = z.object({
  email: z.string("Enter your email address.").trim().pipe(z.email("Enter a valid email address.").max(320)),
});

/** Same answer whether or not the account exists. */
export const POST = route(
  { name: "auth.password_reset.request", auth: "public", body, rateLimit: RULES.auth },
  async ({ body, ip, userAgent }) => requestPasswordReset(body.email, { ip, userAgent }),
);

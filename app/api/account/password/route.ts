import { NextResponse } from "next/server";
import { z } from "zod";
import { changePassword } from "@/lib/auth/change-password";
import { setSessionCookie } from "@/lib/auth/session-response";
import { route } from "@/lib/http/route";
import { RULES } from "@/lib/rate-limit/enforce";

const body = z.object({
  currentPassword: z.string("Enter your current password.").min(1, "Enter your current password.").max(1024),
  newPassword: z.string("Enter a new password.").max(1024),
});

/** Revokes every session; a browser caller gets a fresh cookie and stays signed in. */
export const POST = route(
  { name: "account.password", auth: "user", body, rateLimit: RULES.auth },
  async ({ req, user, body, ip, userAgent }) => {
    const updated = await changePassword(user.id, body, { ip, userAgent });
    const res = NextResponse.json({ ok: true, message: "Password changed. Other sessions were signed out." });
    if (user.via === "session") await setSessionCookie(res, req, updated);
    return res;
  },
);

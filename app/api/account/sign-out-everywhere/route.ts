import { NextResponse } from "next/server";
import { clearSessionCookie } from "@/lib/auth/session-response";
import { signOutEverywhere } from "@/lib/auth/session-version";
import { route } from "@/lib/http/route";

export const POST = route(
  { name: "account.sign_out_everywhere", auth: "user" },
  async ({ req, user, ip, userAgent }) => {
    await signOutEverywhere(user, { ip, userAgent });
    const res = NextResponse.json({ ok: true, message: "Every session was signed out." });
    clearSessionCookie(res, req);
    return res;
  },
);

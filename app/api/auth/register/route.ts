import { NextResponse } from "next/server";
import { z } from "zod";
import { registerUser } from "@/lib/auth/register";
import { setSessionCookie } from "@/lib/auth/session-response";
import { toPublicUser } from "@/lib/auth/users";
import { route } from "@/lib/http/route";
import { RULES } from "@/lib/rate-limit/enforce";

const body = z.object({
  email: z.string("Enter your email address.").trim().pipe(z.email("Enter a valid email address.").max(320)),
  password: z.string("Enter a password.").max(1024),
  name: z.string("Enter your name.").trim().min(1, "Enter your name.").max(120),
});

/** 201 `{ user, token }` and a session cookie: the browser is signed in, API clients get a token. */
export const POST = route(
  { name: "auth.register", auth: "public", body, rateLimit: RULES.auth },
  async ({ req, body, ip, userAgent }) => {
    const { user, token } = await registerUser(body, { ip, userAgent });
    const res = NextResponse.json({ user: toPublicUser(user), token }, { status: 201 });
    await setSessionCookie(res, req, user);
    return res;
  },
);

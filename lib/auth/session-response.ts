import type { NextResponse } from "next/server";
import { env } from "@/lib/env";
import {
  encodeSession,
  isSecureRequest,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  sessionCookieName,
} from "./session-cookie";
import type { UserRow } from "./users";

/** Signs the browser in: the same encrypted JWT and cookie Auth.js would set after a Credentials sign-in. */
export async function setSessionCookie(
  res: NextResponse,
  req: Request,
  user: Pick<UserRow, "id" | "email" | "name" | "role" | "sessionVersion">,
) {
  const name = sessionCookieName(req);
  const maxAge = env().AUTH_SESSION_MAX_AGE;
  const value = await encodeSession(
    { sub: user.id, email: user.email, name: user.name, role: user.role, sv: user.sessionVersion },
    name,
    maxAge,
  );
  res.cookies.set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: isSecureRequest(req),
    maxAge,
  });
}

/** Drops the session cookie (both names: the request may have come through a different scheme). */
export function clearSessionCookie(res: NextResponse, req: Request) {
  for (const name of [SESSION_COOKIE, SECURE_SESSION_COOKIE]) {
    if (name === SECURE_SESSION_COOKIE && !isSecureRequest(req)) {
      // A __Secure- cookie can only be set (or cleared) over https.
      continue;
    }
    res.cookies.set(name, "", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: name === SECURE_SESSION_COOKIE,
      maxAge: 0,
    });
  }
}

import type { NextRequest } from "next/server";
import { resolveApiToken } from "./api-tokens";
import { decodeSession, readSessionToken } from "./session-cookie";
import { findUserById, type UserRow } from "./users";

export type RequestUser = {
  id: string;
  email: string;
  name: string | null;
  /** Read from the database on every request: a role change applies to the next request. */
  role: "user" | "admin";
  /** How the request authenticated. */
  via: "session" | "token";
  /** The API token's id when via === "token". */
  tokenId?: string;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The signed-in user for an API request: `Authorization: Bearer <api token>`, else
 * the Auth.js session cookie. Session JWTs are checked against the user's current
 * session version (sign out everywhere, password reset) and erased accounts.
 * A Bearer header that does not resolve is anonymous: it never falls back to the cookie.
 */
export async function getRequestUser(req: NextRequest): Promise<RequestUser | null> {
  const authz = req.headers.get("authorization");
  if (authz) {
    const m = /^Bearer\s+(\S+)$/i.exec(authz.trim());
    if (!m) return null;
    const hit = await resolveApiToken(m[1]!);
    if (!hit) return null;
    const user = await findUserById(hit.userId);
    return user ? toRequestUser(user, "token", hit.tokenId) : null;
  }
  const session = readSessionToken(req.cookies);
  if (!session) return null;
  // Defence in depth next to SameSite=Lax: a cookie-authenticated write must come from our own origin.
  if (!SAFE_METHODS.has(req.method) && !sameOrigin(req)) return null;
  return userFromSessionToken(session.token, session.name);
}

/** Shared by getRequestUser and currentUser (pages). */
export async function userFromSessionToken(token: string, cookieName: string): Promise<RequestUser | null> {
  const claims = await decodeSession(token, cookieName);
  if (!claims) return null;
  const user = await findUserById(claims.sub);
  if (!user || user.sessionVersion !== claims.sv) return null;
  return toRequestUser(user, "session");
}

function toRequestUser(u: UserRow, via: RequestUser["via"], tokenId?: string): RequestUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, via, ...(tokenId ? { tokenId } : {}) };
}

function sameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true; // non-browser clients and same-origin GET-style navigations send none
  try {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? req.nextUrl.host;
    return new URL(origin).host === host.split(",")[0]!.trim();
  } catch {
    return false;
  }
}

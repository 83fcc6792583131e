import { decode, encode } from "next-auth/jwt";
import { authSecret } from "./secret";

/**
 * The Auth.js session cookie, read and written outside Auth.js (proxy, route
 * wrapper, registration). Names and encryption match Auth.js's defaults, so a
 * cookie minted here is a normal Auth.js session and vice versa.
 * Light on purpose: proxy.ts imports this on every request (no database, no env parsing).
 */
export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = "__Secure-authjs.session-token";

export type SessionClaims = {
  sub: string;
  email?: string | null;
  name?: string | null;
  role: "user" | "admin";
  /** users.session_version when the session was issued. */
  sv: number;
  exp?: number;
};

type CookieReader = { get(name: string): { value: string } | undefined; getAll(): { name: string; value: string }[] };

/** The raw session JWT and the cookie name it came from (Auth.js splits big values into `.0`, `.1`… chunks). */
export function readSessionToken(cookies: CookieReader): { token: string; name: string } | null {
  for (const name of [SECURE_SESSION_COOKIE, SESSION_COOKIE]) {
    const whole = cookies.get(name)?.value;
    if (whole) return { token: whole, name };
    const chunks = cookies
      .getAll()
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    if (chunks.length) return { token: chunks.map((c) => c.value).join(""), name };
  }
  return null;
}

/** Decrypts and checks expiry; null for anything malformed, expired or signed with another secret. */
export async function decodeSession(token: string, cookieName: string): Promise<SessionClaims | null> {
  try {
    const p = await decode({ token, secret: authSecret(), salt: cookieName });
    if (!p || typeof p.sub !== "string" || typeof p.sv !== "number") return null;
    return {
      sub: p.sub,
      email: p.email as string | null | undefined,
      name: p.name as string | null | undefined,
      role: p.role === "admin" ? "admin" : "user",
      sv: p.sv,
      exp: p.exp,
    };
  } catch {
    return null;
  }
}

export async function encodeSession(claims: Omit<SessionClaims, "exp">, cookieName: string, maxAge: number) {
  return encode({ token: { ...claims }, secret: authSecret(), salt: cookieName, maxAge });
}

/** Auth.js uses the `__Secure-` cookie on https; behind a TLS-terminating proxy, x-forwarded-proto says so. */
export function isSecureRequest(req: Request): boolean {
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (proto ?? new URL(req.url).protocol.replace(":", "")) === "https";
}

export function sessionCookieName(req: Request): string {
  return isSecureRequest(req) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

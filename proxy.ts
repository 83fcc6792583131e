import { NextResponse, type NextRequest } from "next/server";
import { decodeSession, readSessionToken } from "@/lib/auth/session-cookie";

/**
 * Next 16's request proxy (formerly middleware.ts). Light on purpose — it runs on
 * every matched request: it only decrypts the session JWT, no database. Session
 * version and current role are checked again, from the database, by
 * currentUser()/getRequestUser() (so a demoted admin is stopped by app/admin/layout).
 *
 * - /dashboard/**, /settings/**: no session → redirect to /sign-in?callbackUrl=<dest>
 * - /admin/**: no session → 404 (the area does not advertise itself)
 * - /api/account/**, /api/admin/**: no session cookie and no Bearer token → 401 JSON, never a redirect
 */
export async function proxy(req: NextRequest): Promise<NextResponse> {
  const { pathname, search } = req.nextUrl;
  if (pathname.startsWith("/api/")) {
    if (req.headers.get("authorization") || (await hasValidSession(req))) return NextResponse.next();
    return NextResponse.json(
      { error: { code: "unauthorized", message: "Sign in to continue." } },
      { status: 401, headers: { "cache-control": "no-store" } },
    );
  }
  const signedIn = await hasValidSession(req);
  if (pathname === "/admin" || pathname.startsWith("/admin/")) {
    if (!signedIn) return notFound(req);
  } else if (!signedIn) {
    const url = new URL("/sign-in", req.url);
    url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url);
  }
  // Server components read this to build sign-in links back to the current page.
  const headers = new Headers(req.headers);
  headers.set("x-pathname", pathname + search);
  return NextResponse.next({ request: { headers } });
}

async function hasValidSession(req: NextRequest): Promise<boolean> {
  const s = readSessionToken(req.cookies);
  return s ? (await decodeSession(s.token, s.name)) !== null : false;
}

function notFound(req: NextRequest): NextResponse {
  // Rewrite to a path no route serves: Next renders its regular 404 page with status 404.
  return NextResponse.rewrite(new URL("/_not-found-admin", req.url), { status: 404 });
}

export const config = {
  matcher: ["/dashboard/:path*", "/settings/:path*", "/admin/:path*", "/api/account/:path*", "/api/admin/:path*"],
};

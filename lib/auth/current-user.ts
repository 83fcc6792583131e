import { cache } from "react";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { readSessionToken } from "./session-cookie";
import { userFromSessionToken, type RequestUser } from "./request-user";

/**
 * The signed-in user for server components, layouts and server actions (session
 * cookie, same checks as getRequestUser). Cached per request.
 */
export const currentUser = cache(async (): Promise<RequestUser | null> => {
  const session = readSessionToken(await cookies());
  if (!session) return null;
  return userFromSessionToken(session.token, session.name);
});

/** For pages: the user, or a redirect to sign-in that comes back to `returnTo` (default: the current path). */
export async function requireUser(returnTo?: string): Promise<RequestUser> {
  const user = await currentUser();
  if (user) return user;
  const dest = returnTo ?? (await headers()).get("x-pathname") ?? "/dashboard";
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(dest)}`);
}

/** For admin pages: non-admins (and anonymous visitors) get a plain 404. */
export async function requireAdmin(): Promise<RequestUser> {
  const user = await currentUser();
  if (!user || user.role !== "admin") notFound();
  return user;
}

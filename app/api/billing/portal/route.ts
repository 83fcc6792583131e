import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { createPortalSession } from "@/lib/billing/portal";

/** JSON `{ url }` for scripts; a plain HTML form post (no JavaScript) is redirected straight to the portal. */
export const POST = route({ name: "billing.portal", auth: "user" }, async ({ req, user }) => {
  const session = await createPortalSession(user.id);
  if (req.headers.get("accept")?.includes("text/html")) return NextResponse.redirect(session.url, 303);
  return session;
});

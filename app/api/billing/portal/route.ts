import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { createPortalSession } from "@/lib/billing/portal";

/** JSON `{ url }` for scripts and the API; an HTML form post is redirected straight to the portal. */
export const POST = route({ name: "billing.portal", auth: "user" }, async ({ req, user }) => {
  const session = await createPortalSession(user.id);
  if (req.headers.get("accept")?.includes("text/html")) return NextResponse.redirect(session.url, 303);
  return session;
});

/**
 * "Manage billing" links: a top-level navigation that ends on Stripe's portal. A link, not a form, because
 * the CSP's `form-action 'self'` stops a form submission from being redirected to another origin.
 */
export const GET = route({ name: "billing.portal.open", auth: "user" }, async ({ user }) =>
  NextResponse.redirect((await createPortalSession(user.id)).url, 303),
);

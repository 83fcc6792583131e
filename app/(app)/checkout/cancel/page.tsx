import { redirect } from "next/navigation";
import { pricingHref, readChoices, type Search } from "@/components/billing/pricing-query";
import { currentUser } from "@/lib/auth/current-user";
import { checkoutChoices } from "@/lib/billing/checkout-choices";

export const dynamic = "force-dynamic";

/**
 * Stripe's cancel_url. Back to pricing with the choices kept: from the query
 * (plan, interval, siteUrl…) and, given `session_id`, from the stored checkout.
 */
export default async function CheckoutCancelPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const choices = readChoices(sp);
  const sessionId = typeof sp.session_id === "string" ? sp.session_id : null;
  const user = sessionId ? await currentUser() : null;
  const stored = user && sessionId ? await checkoutChoices(sessionId, user.id) : null;
  const merged = stored
    ? {
        ...readChoices({
          plan: stored.plan,
          interval: stored.interval,
          siteUrl: stored.siteUrl,
          keywords: stored.keywords.join("\n"),
          competitors: stored.competitors.join("\n"),
          companyName: stored.companyName ?? "",
        }),
      }
    : choices;
  redirect(pricingHref({ ...merged, cancelled: "1" }, "#checkout"));
}

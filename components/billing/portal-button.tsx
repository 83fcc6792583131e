/**
 * "Manage billing": a plain link to GET /api/billing/portal, which redirects to
 * the Stripe customer portal — no JavaScript needed, and unlike a form post it is
 * not blocked by the CSP's `form-action 'self'` when it lands on Stripe's origin.
 */
export function PortalButton({
  label = "Manage billing",
  variant = "primary",
}: {
  label?: string;
  variant?: "primary" | "secondary";
}) {
  const styles =
    variant === "primary"
      ? "bg-brand-600 text-white hover:bg-brand-700"
      : "border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50";
  return (
    // A plain <a>: next/link would prefetch the API route and create portal sessions nobody asked for.
    <a
      href="/api/billing/portal"
      className={`inline-flex items-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm ${styles}`}
      data-testid="portal-button"
    >
      {label}
    </a>
  );
}

/**
 * "Manage billing": a plain form post to /api/billing/portal, which redirects an
 * HTML request straight to the Stripe customer portal — no JavaScript needed.
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
    <form method="post" action="/api/billing/portal">
      <button
        type="submit"
        className={`inline-flex items-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm ${styles}`}
        data-testid="portal-button"
      >
        {label}
      </button>
    </form>
  );
}

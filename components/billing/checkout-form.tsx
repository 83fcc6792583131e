"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { formatMoney, PLANS, PLAN_IDS, type BillingInterval, type PlanId } from "@/lib/billing/plans";
import { PortalButton } from "./portal-button";
import { splitList, type PricingChoices } from "./pricing-query";

type Err = { message: string; field?: string; status: number; portalUrl?: string };

const input =
  "mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm outline-none focus:ring-2";
const ok = "border-zinc-300 focus:border-brand-500 focus:ring-brand-100";
const bad = "border-red-400 focus:border-red-500 focus:ring-red-200";

/**
 * Plan, interval and the first audit's details → POST /api/checkout → Stripe
 * Checkout. 400s show next to the field they name; 409 (already subscribed)
 * offers the customer portal instead.
 */
export function CheckoutForm({
  initial,
  publishableKey = null,
}: {
  initial: PricingChoices & { plan: PlanId };
  /** A real `pk_…` key, or null (emulator / not configured). */
  publishableKey?: string | null;
}) {
  const router = useRouter();
  useEffect(() => {
    // With a real key, load Stripe.js early so Stripe's fraud signals see the buyer before Checkout.
    // Best effort only: the redirect below never depends on it (js.stripe.com may be unreachable).
    if (!publishableKey) return;
    import("@stripe/stripe-js/pure").then(({ loadStripe }) => loadStripe(publishableKey)).catch(() => undefined);
  }, [publishableKey]);
  const [plan, setPlan] = useState<PlanId>(initial.plan);
  const [interval, setInterval] = useState<BillingInterval>(initial.interval);
  const [keywords, setKeywords] = useState(initial.keywords);
  const [competitors, setCompetitors] = useState(initial.competitors);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Err | null>(null);
  const p = PLANS[plan];
  const kw = splitList(keywords);
  const comp = splitList(competitors);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const body = {
      plan,
      interval,
      siteUrl: String(f.get("siteUrl") ?? "").trim(),
      keywords: kw,
      competitors: comp,
      ...(p.whiteLabel ? { companyName: String(f.get("companyName") ?? "").trim() } : {}),
    };
    let res: Response;
    try {
      res = await fetch("/api/checkout", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
    } catch {
      setPending(false);
      setError({ status: 0, message: "Could not reach the server. Check your connection and try again." });
      return;
    }
    const data = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (res.ok && typeof data?.url === "string") {
      window.location.assign(data.url); // Stripe Checkout (or the emulator's hosted page)
      return;
    }
    if (res.status === 401) {
      router.push(`/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
      return;
    }
    const err = (data?.error ?? {}) as Record<string, unknown>;
    const field = typeof err.field === "string" ? err.field.split(".")[0] : undefined;
    let message = typeof err.message === "string" ? err.message : "Something went wrong. Please try again.";
    if (field && message.startsWith(`${err.field}: `)) message = message.slice(String(err.field).length + 2);
    const portalUrl = [err.portalUrl, err.url, (err.action as { href?: unknown } | undefined)?.href].find(
      (v): v is string => typeof v === "string",
    );
    setPending(false);
    setError({ status: res.status, message, field, portalUrl });
  }

  const fieldError = (name: string) => (error?.field === name ? error.message : null);
  const general = error && !["siteUrl", "keywords", "competitors", "companyName"].includes(error.field ?? "");
  const total = p.prices[interval] + p.setupFee;

  return (
    <div className="space-y-5" data-testid="checkout-form">
      {/* Outside the <form>: the portal button is a form of its own, and forms cannot nest. */}
      {general && error.status === 409 ? (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p>{error.message}</p>
          <div className="mt-3">
            {error.portalUrl && !error.portalUrl.includes("/api/billing/portal") ? (
              <a
                href={error.portalUrl}
                data-testid="portal-link"
                className="inline-flex rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
              >
                Manage your subscription
              </a>
            ) : (
              <PortalButton label="Manage your subscription" />
            )}
          </div>
        </div>
      ) : general ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error.message}
        </div>
      ) : null}

      <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Checkout">
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="co-plan" className="block text-sm font-medium text-zinc-800">
              Plan
            </label>
            <select
              id="co-plan"
              name="plan"
              value={plan}
              onChange={(e) => setPlan(e.target.value as PlanId)}
              className={`${input} ${ok}`}
            >
              {PLAN_IDS.map((id) => (
                <option key={id} value={id}>
                  {PLANS[id].name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="co-interval" className="block text-sm font-medium text-zinc-800">
              Billing
            </label>
            <select
              id="co-interval"
              name="interval"
              value={interval}
              onChange={(e) => setInterval(e.target.value as BillingInterval)}
              className={`${input} ${ok}`}
            >
              <option value="month">Monthly — {formatMoney(p.prices.month)} / month</option>
              <option value="year">Annual — {formatMoney(p.prices.year)} / year</option>
            </select>
          </div>
        </div>

        <Text label="Site URL" name="siteUrl" error={fieldError("siteUrl")} hint="The public http(s) address to audit.">
          <input
            id="co-siteUrl"
            name="siteUrl"
            type="url"
            required
            defaultValue={initial.siteUrl}
            placeholder="https://www.example.com"
            autoComplete="url"
            aria-invalid={fieldError("siteUrl") ? true : undefined}
            className={`${input} ${fieldError("siteUrl") ? bad : ok}`}
          />
        </Text>

        <Text
          label="Keywords"
          name="keywords"
          error={fieldError("keywords")}
          hint={`One per line or comma-separated. ${kw.length} of ${p.limits.keywords} on ${p.name}.`}
        >
          <textarea
            id="co-keywords"
            name="keywords"
            rows={3}
            value={keywords}
            onChange={(e) => setKeywords(e.target.value)}
            placeholder={"seo audit\ntechnical seo"}
            aria-invalid={fieldError("keywords") || kw.length > p.limits.keywords ? true : undefined}
            className={`${input} ${fieldError("keywords") || kw.length > p.limits.keywords ? bad : ok}`}
          />
        </Text>

        <Text
          label="Competitors"
          name="competitors"
          error={fieldError("competitors")}
          hint={`Competitor sites, one per line. ${comp.length} of ${p.limits.competitors} on ${p.name}.`}
        >
          <textarea
            id="co-competitors"
            name="competitors"
            rows={2}
            value={competitors}
            onChange={(e) => setCompetitors(e.target.value)}
            placeholder="https://competitor.example"
            aria-invalid={fieldError("competitors") || comp.length > p.limits.competitors ? true : undefined}
            className={`${input} ${fieldError("competitors") || comp.length > p.limits.competitors ? bad : ok}`}
          />
        </Text>

        {p.whiteLabel ? (
          <Text
            label="Company name"
            name="companyName"
            error={fieldError("companyName")}
            hint="Shown on your white-labelled reports."
          >
            <input
              id="co-companyName"
              name="companyName"
              defaultValue={initial.companyName}
              autoComplete="organization"
              className={`${input} ${fieldError("companyName") ? bad : ok}`}
            />
          </Text>
        ) : null}

        <div className="flex flex-wrap items-center justify-between gap-4 border-t border-zinc-200 pt-5">
          <p className="text-sm text-zinc-600">
            Due today: <strong className="text-zinc-900 tabular-nums">{formatMoney(total)}</strong>
            {p.setupFee ? ` (incl. ${formatMoney(p.setupFee)} one-time setup)` : null}
          </p>
          <button
            type="submit"
            disabled={pending}
            aria-busy={pending || undefined}
            data-testid="checkout-submit"
            className="inline-flex items-center rounded-md bg-brand-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
          >
            {pending ? "Opening secure checkout…" : "Continue to payment"}
          </button>
        </div>
      </form>
    </div>
  );
}

function Text({
  label,
  name,
  error,
  hint,
  children,
}: {
  label: string;
  name: string;
  error: string | null;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={`co-${name}`} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children}
      {error ? (
        <p className="mt-1 text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p className="mt-1 text-xs text-zinc-500">{hint}</p>
      ) : null}
    </div>
  );
}

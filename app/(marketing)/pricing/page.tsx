import Link from "next/link";
import { CheckoutForm } from "@/components/billing/checkout-form";
import { pricingHref, readChoices, type PricingChoices, type Search } from "@/components/billing/pricing-query";
import { currentUser } from "@/lib/auth/current-user";
import { latestAbandonedCheckout } from "@/lib/billing/checkout-choices";
import { env } from "@/lib/env";
import { annualSaving, formatMoney, PLAN_IDS, PLANS, type BillingInterval, type PlanId } from "@/lib/billing/plans";

export const dynamic = "force-dynamic";
export const metadata = { title: "Pricing" };

const num = (n: number) => n.toLocaleString("en-US");

/**
 * Server-rendered pricing: every number comes from lib/billing/plans.ts. The
 * interval toggle and the plan buttons are links (`?interval=year&plan=pro`), so
 * the page works without JavaScript; the checkout form appears for the chosen plan.
 */
export default async function PricingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const user = await currentUser();
  const cancelled = sp.cancelled === "1";
  let choices = readChoices(sp);
  // Back from Stripe's cancel link: put the abandoned checkout's details back in the form.
  if (cancelled && user && !choices.siteUrl) {
    const last = await latestAbandonedCheckout(user.id, choices.plan ?? undefined);
    if (last) {
      choices = {
        ...choices,
        siteUrl: last.siteUrl,
        keywords: last.keywords.join("\n"),
        competitors: last.competitors.join("\n"),
        companyName: last.companyName ?? "",
      };
    }
  }
  const { interval, plan: chosen } = choices;
  const bestSaving = Math.max(
    ...PLAN_IDS.map((id) => Math.round((annualSaving(id) / (PLANS[id].prices.month * 12)) * 100)),
  );

  return (
    <div className="mx-auto max-w-6xl px-6 pt-16 pb-20">
      <div className="text-center">
        <h1 className="text-4xl font-bold tracking-tight">Simple plans for a healthier site</h1>
        <p className="mx-auto mt-4 max-w-2xl text-lg text-zinc-600">
          Every plan includes the full crawl, 50 checks, a scored PDF report and your first audit the moment you pay.
        </p>
        <IntervalToggle choices={choices} bestSaving={bestSaving} />
      </div>

      {cancelled ? (
        <div
          role="status"
          className="mx-auto mt-8 max-w-2xl rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900"
        >
          Checkout was cancelled and you have not been charged. Your choices are kept below.
        </div>
      ) : null}

      <div className="mt-12 grid gap-6 lg:grid-cols-3">
        {PLAN_IDS.map((id) => (
          <PlanCard key={id} id={id} interval={interval} selected={chosen === id} signedIn={!!user} choices={choices} />
        ))}
      </div>

      {chosen ? (
        <section id="checkout" className="mx-auto mt-14 max-w-2xl scroll-mt-8" aria-labelledby="checkout-title">
          <div className="rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
            <h2 id="checkout-title" className="text-xl font-bold">
              Start your {PLANS[chosen].name} plan
            </h2>
            {user ? (
              <>
                <p className="mt-1 text-sm text-zinc-600">
                  Tell us what to audit first. You pay on Stripe&apos;s secure page; the audit starts as soon as the
                  payment succeeds.
                </p>
                <div className="mt-6">
                  <CheckoutForm initial={{ ...choices, plan: chosen }} publishableKey={publishableKey()} />
                </div>
              </>
            ) : (
              <SignInFirst choices={choices} />
            )}
          </div>
        </section>
      ) : null}

      <p className="mt-14 text-center text-sm text-zinc-500">
        Prices in USD, excluding taxes. Cancel any time from the billing portal; access continues until the end of the
        paid period.
      </p>
    </div>
  );
}

function IntervalToggle({ choices, bestSaving }: { choices: PricingChoices; bestSaving: number }) {
  const tab = (value: BillingInterval, label: React.ReactNode) => {
    const active = choices.interval === value;
    return (
      <Link
        href={pricingHref({ ...choices, interval: value })}
        aria-current={active ? "page" : undefined}
        scroll={false}
        data-testid={`interval-${value}`}
        className={`rounded-full px-5 py-2 text-sm font-semibold transition ${
          active ? "bg-white text-zinc-900 shadow" : "text-zinc-600 hover:text-zinc-900"
        }`}
      >
        {label}
      </Link>
    );
  };
  return (
    <nav aria-label="Billing interval" className="mt-8 inline-flex rounded-full bg-zinc-100 p-1">
      {tab("month", "Monthly")}
      {tab(
        "year",
        <>
          Annual{" "}
          <span className="ml-1 rounded-full bg-brand-100 px-2 py-0.5 text-xs text-brand-700">save {bestSaving}%</span>
        </>,
      )}
    </nav>
  );
}

function PlanCard({
  id,
  interval,
  selected,
  signedIn,
  choices,
}: {
  id: PlanId;
  interval: BillingInterval;
  selected: boolean;
  signedIn: boolean;
  choices: PricingChoices;
}) {
  const p = PLANS[id];
  const featured = id === "pro";
  const target = pricingHref({ ...choices, plan: id, interval });
  // Anonymous visitors register first and come back to this very plan.
  const href = signedIn ? `${target}#checkout` : `/register?callbackUrl=${encodeURIComponent(target)}`;
  const limits = [
    `${num(p.limits.auditsPerPeriod)} audits per ${interval === "year" ? "year" : "month"}`,
    `Up to ${num(p.limits.pagesPerAudit)} pages per audit`,
    `${num(p.limits.keywords)} tracked keywords`,
    `${p.limits.competitors} competitor${p.limits.competitors === 1 ? "" : "s"}`,
  ];
  return (
    <div
      data-testid={`plan-${id}`}
      className={`relative flex flex-col rounded-2xl border bg-white p-7 shadow-sm ${
        selected ? "border-brand-600 ring-2 ring-brand-600" : featured ? "border-brand-500" : "border-zinc-200"
      }`}
    >
      {featured ? (
        <span className="absolute -top-3 left-7 rounded-full bg-brand-600 px-3 py-0.5 text-xs font-semibold text-white">
          Most popular
        </span>
      ) : null}
      <h2 className="text-lg font-semibold">{p.name}</h2>
      <p className="mt-1 min-h-10 text-sm text-zinc-600">{p.tagline}</p>
      <p className="mt-6 flex items-baseline gap-1">
        <span className="text-4xl font-bold tracking-tight tabular-nums" data-testid={`price-${id}`}>
          {formatMoney(p.prices[interval])}
        </span>
        <span className="text-sm text-zinc-500">/ {interval === "year" ? "year" : "month"}</span>
      </p>
      <p className="mt-1 h-5 text-sm text-brand-700" data-testid={`saving-${id}`}>
        {interval === "year"
          ? `${formatMoney(Math.round(p.prices.year / 12))} / month billed annually — save ${formatMoney(annualSaving(id))}`
          : `or ${formatMoney(p.prices.year)} / year (save ${formatMoney(annualSaving(id))})`}
      </p>
      <p className="mt-2 text-sm text-zinc-600">
        {p.setupFee ? `+ ${formatMoney(p.setupFee)} one-time setup fee` : "No setup fee"}
      </p>
      <ul className="mt-6 space-y-2 text-sm">
        {limits.map((l) => (
          <li key={l} className="flex gap-2">
            <Check /> {l}
          </li>
        ))}
        {p.features.map((f) => (
          <li key={f} className="flex gap-2 text-zinc-700">
            <Check muted /> {f}
          </li>
        ))}
      </ul>
      <div className="mt-auto pt-8">
        <Link
          href={href}
          data-testid={`choose-${id}`}
          className={`block rounded-md px-4 py-2.5 text-center text-sm font-semibold shadow-sm ${
            featured || selected
              ? "bg-brand-600 text-white hover:bg-brand-700"
              : "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50"
          }`}
        >
          {selected ? `${p.name} selected` : `Choose ${p.name}`}
        </Link>
      </div>
    </div>
  );
}

function Check({ muted }: { muted?: boolean }) {
  return (
    <svg
      viewBox="0 0 20 20"
      aria-hidden
      className={`mt-0.5 h-4 w-4 shrink-0 ${muted ? "text-zinc-400" : "text-brand-600"}`}
      fill="currentColor"
    >
      <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />
    </svg>
  );
}

function SignInFirst({ choices }: { choices: PricingChoices }) {
  const back = encodeURIComponent(pricingHref(choices));
  return (
    <div className="mt-4">
      <p className="text-sm text-zinc-600">
        Create an account (or sign in) first; you come straight back to this plan.
      </p>
      <div className="mt-5 flex gap-3">
        <Link
          href={`/register?callbackUrl=${back}`}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          Create an account
        </Link>
        <Link
          href={`/sign-in?callbackUrl=${back}`}
          className="rounded-md border border-zinc-300 px-4 py-2 text-sm font-semibold hover:bg-zinc-50"
        >
          Sign in
        </Link>
      </div>
    </div>
  );
}

/** Only a real Stripe publishable key is worth loading Stripe.js for. */
function publishableKey(): string | null {
  const key = env().STRIPE_PUBLISHABLE_KEY;
  return key?.startsWith("pk_") ? key : null;
}

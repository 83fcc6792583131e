import { INTERVALS, isPlanId, type BillingInterval, type PlanId } from "@/lib/billing/plans";

export type Search = Record<string, string | string[] | undefined>;

/** What the pricing page keeps in its URL, so the toggle, the CTAs and "back from checkout" work without JS. */
export type PricingChoices = {
  plan: PlanId | null;
  interval: BillingInterval;
  siteUrl: string;
  keywords: string;
  competitors: string;
  companyName: string;
};

const one = (sp: Search, k: string) => {
  const v = sp[k];
  return (Array.isArray(v) ? v[0] : v)?.slice(0, 20_000) ?? "";
};

export function readChoices(sp: Search): PricingChoices {
  const plan = one(sp, "plan");
  const interval = one(sp, "interval");
  return {
    plan: isPlanId(plan) ? plan : null,
    interval: (INTERVALS as readonly string[]).includes(interval) ? (interval as BillingInterval) : "month",
    siteUrl: one(sp, "siteUrl"),
    keywords: one(sp, "keywords"),
    competitors: one(sp, "competitors"),
    companyName: one(sp, "companyName"),
  };
}

/** `/pricing?…` with the given choices (empty values dropped). */
export function pricingHref(c: Partial<PricingChoices> & { cancelled?: string }, hash = ""): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(c)) if (v) p.set(k, String(v));
  const qs = p.toString();
  return `/pricing${qs ? `?${qs}` : ""}${hash}`;
}

/** Keywords and competitors are typed one per line or comma-separated. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The single source of truth for what we sell. Pricing page, checkout
 * validation, entitlements, admin metrics, emails and PDFs all read this file;
 * Stripe's catalogue is generated from it by `npm run stripe:sync`.
 */
export const PLAN_IDS = ["basic", "pro", "enterprise"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const INTERVALS = ["month", "year"] as const;
export type BillingInterval = (typeof INTERVALS)[number];

export type PlanLimits = {
  auditsPerPeriod: number;
  pagesPerAudit: number;
  keywords: number;
  competitors: number;
};

export type Plan = {
  id: PlanId;
  name: string;
  tagline: string;
  /** Amounts in cents (USD). */
  prices: { month: number; year: number };
  setupFee: number;
  limits: PlanLimits;
  whiteLabel: boolean;
  features: string[];
};

export const CURRENCY = "usd";

export const PLANS: Record<PlanId, Plan> = {
  basic: {
    id: "basic",
    name: "Basic",
    tagline: "For a single site that needs a clear, regular check-up.",
    prices: { month: 800_00, year: 8_000_00 },
    setupFee: 0,
    limits: { auditsPerPeriod: 2, pagesPerAudit: 500, keywords: 100, competitors: 1 },
    whiteLabel: false,
    features: ["50 SEO checks", "PDF report", "Keyword coverage", "1 competitor comparison"],
  },
  pro: {
    id: "pro",
    name: "Pro",
    tagline: "For growing sites and marketing teams.",
    prices: { month: 2_500_00, year: 25_000_00 },
    setupFee: 500_00,
    limits: { auditsPerPeriod: 10, pagesPerAudit: 2_000, keywords: 300, competitors: 3 },
    whiteLabel: false,
    features: ["Everything in Basic", "Monthly trend tracking", "3 competitor comparisons", "Priority crawling"],
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    tagline: "For agencies and large sites, with your own branding.",
    prices: { month: 6_000_00, year: 60_000_00 },
    setupFee: 2_000_00,
    limits: { auditsPerPeriod: 50, pagesPerAudit: 10_000, keywords: 1_000, competitors: 5 },
    whiteLabel: true,
    features: ["Everything in Pro", "White-labelled reports", "5 competitor comparisons", "10,000 pages per audit"],
  },
};

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === "string" && (PLAN_IDS as readonly string[]).includes(value);
}

export function getPlan(id: PlanId): Plan {
  return PLANS[id];
}

const INTERVAL_KEY: Record<BillingInterval, string> = { month: "monthly", year: "annual" };

/** Stripe lookup key of a plan's recurring price, e.g. `pro_annual`. */
export function recurringLookupKey(plan: PlanId, interval: BillingInterval): string {
  return `${plan}_${INTERVAL_KEY[interval]}`;
}

/** Stripe lookup key of a plan's one-time setup fee, or null when it has none. */
export function setupLookupKey(plan: PlanId): string | null {
  return PLANS[plan].setupFee > 0 ? `${plan}_setup` : null;
}

/** What a customer saves per year by paying annually, in cents. */
export function annualSaving(plan: PlanId): number {
  const p = PLANS[plan].prices;
  return p.month * 12 - p.year;
}

export type CatalogueEntry = {
  lookupKey: string;
  plan: PlanId;
  kind: "recurring" | "setup";
  interval: BillingInterval | null;
  unitAmount: number;
};

/** Every price Stripe must have, derived from PLANS. */
export function catalogue(): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  for (const plan of PLAN_IDS) {
    for (const interval of INTERVALS) {
      entries.push({
        lookupKey: recurringLookupKey(plan, interval),
        plan,
        kind: "recurring",
        interval,
        unitAmount: PLANS[plan].prices[interval],
      });
    }
    const setup = setupLookupKey(plan);
    if (setup)
      entries.push({ lookupKey: setup, plan, kind: "setup", interval: null, unitAmount: PLANS[plan].setupFee });
  }
  return entries;
}

/** Reverse lookup used when mirroring Stripe objects: which plan/interval is this lookup key? */
export function parseLookupKey(lookupKey: string | null | undefined): CatalogueEntry | null {
  if (!lookupKey) return null;
  return catalogue().find((e) => e.lookupKey === lookupKey) ?? null;
}

export function formatMoney(cents: number, currency = CURRENCY): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}

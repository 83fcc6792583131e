/**
 * Health score (documented in docs/engine.md). Per category, each check with
 * at least one finding deducts
 *   W[severity] × (0.25 + 0.75 × share)
 * where W = error 30, warning 15, notice 5 and share is the fraction of pages
 * affected (capped at 1; site-scope checks count as share 1). The category
 * score is 100 minus the deductions, floored at 0. The overall score is the
 * weighted mean of the category scores. Only counts go in, so identical input
 * gives an identical score.
 */
import { CATALOGUE, CATEGORIES, type Category } from "./catalogue";
import type { CategoryScores } from "./types";

export const SEVERITY_WEIGHT: Record<string, number> = { error: 30, warning: 15, notice: 5 };
export const CATEGORY_WEIGHT: Record<Category, number> = {
  crawlability: 25,
  "on-page": 25,
  links: 10,
  performance: 10,
  international: 5,
  "structured-data": 5,
  security: 10,
  keywords: 10,
};

export type ScoreInput = { check: string; category: string; severity: string; url?: string }[];

export function scoreFindings(findings: ScoreInput, pageCount: number): { score: number; categories: CategoryScores } {
  const pages = Math.max(1, pageCount);
  const byCheck = new Map<string, { category: string; severity: string; urls: Set<string>; n: number }>();
  for (const f of findings) {
    const e = byCheck.get(f.check) ?? { category: f.category, severity: f.severity, urls: new Set<string>(), n: 0 };
    e.n++;
    if (f.url) e.urls.add(f.url);
    byCheck.set(f.check, e);
  }
  const deduction = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  // Sorted so floating-point sums are added in the same order every time.
  for (const [check, e] of [...byCheck].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const def = CATALOGUE[check];
    const category = (def?.category ?? e.category) as Category;
    if (!(category in deduction)) continue;
    const affected = e.urls.size || e.n;
    const share = def?.scope === "site" ? 1 : Math.min(1, affected / pages);
    deduction[category] += (SEVERITY_WEIGHT[def?.severity ?? e.severity] ?? 5) * (0.25 + 0.75 * share);
  }
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.max(0, Math.round(100 - deduction[c]))]),
  ) as CategoryScores;
  let sum = 0;
  let weights = 0;
  for (const c of CATEGORIES) {
    sum += categories[c] * CATEGORY_WEIGHT[c];
    weights += CATEGORY_WEIGHT[c];
  }
  return { score: Math.round(sum / weights), categories };
}

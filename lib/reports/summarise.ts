import type { ReportData, ReportFinding } from "./types";

const WEIGHT: Record<string, number> = { error: 10, warning: 4, notice: 1 };

export function scoreColor(v: number): string {
  return v >= 80 ? "#16a34a" : v >= 50 ? "#d97706" : "#dc2626";
}

/** Checks ranked by impact: severity weight × share of pages affected. */
export function rankIssues(findings: ReportFinding[], pageCount: number) {
  const m = new Map<string, { check: string; severity: string; count: number; impact: number }>();
  for (const f of findings) {
    const cur = m.get(f.check) ?? { check: f.check, severity: f.severity, count: 0, impact: 0 };
    cur.count++;
    m.set(f.check, cur);
  }
  for (const v of m.values())
    v.impact =
      (WEIGHT[v.severity] ?? 1) * Math.min(1, v.count / Math.max(1, pageCount)) + (WEIGHT[v.severity] ?? 1) / 100;
  return [...m.values()].sort((a, b) => b.impact - a.impact || a.check.localeCompare(b.check));
}

/** Plain-language paragraphs for a reader who is not an SEO specialist. */
export function executiveSummary(d: ReportData): string[] {
  const errors = d.findings.filter((f) => f.severity === "error").length;
  const warnings = d.findings.filter((f) => f.severity === "warning").length;
  const verdict =
    d.score >= 80
      ? "in good health"
      : d.score >= 50
        ? "in fair health, with clear room to improve"
        : "in poor health: search engines are likely to struggle with it";
  const cats = Object.entries(d.categories).sort((a, b) => a[1] - b[1]);
  const weakest = cats
    .slice(0, 2)
    .map(([k, v]) => `${k} (${v})`)
    .join(" and ");
  const out = [
    `We crawled ${d.pageCount} page${d.pageCount === 1 ? "" : "s"} of ${d.siteUrl} on ${d.date.toISOString().slice(0, 10)}. With a health score of ${d.score} out of 100 the site is ${verdict}.`,
    `We found ${errors} error${errors === 1 ? "" : "s"} and ${warnings} warning${warnings === 1 ? "" : "s"}. The weakest areas are ${weakest || "none"}. Fixing the top issues listed on the next page will raise the score the most.`,
  ];
  if (d.previous) {
    const diff = d.score - d.previous.score;
    out.push(
      `Since the previous audit the score has ${diff === 0 ? "stayed the same" : diff > 0 ? `improved by ${diff} points` : `dropped by ${-diff} points`}.`,
    );
  }
  return out;
}

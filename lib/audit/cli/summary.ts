/** The readable summary `npm run audit` prints by default. */
import { CATALOGUE, CATEGORIES } from "../catalogue";
import type { AuditResult } from "../types";

export function formatSummary(r: AuditResult): string {
  const out: string[] = [];
  out.push(`SEO health report for ${r.target}`);
  out.push(
    `Score: ${r.score}/100 · ${r.stats.pagesCrawled} pages · ${r.findings.length} findings · ${(r.stats.durationMs / 1000).toFixed(1)} s`,
  );
  out.push("");
  for (const c of CATEGORIES) out.push(`  ${c.padEnd(16)} ${String(r.categories[c]).padStart(3)}`);
  const byCheck = new Map<string, number>();
  for (const f of r.findings) byCheck.set(f.check, (byCheck.get(f.check) ?? 0) + 1);
  if (byCheck.size) {
    out.push("", "Findings:");
    const order = { error: 0, warning: 1, notice: 2 } as const;
    const rows = [...byCheck].sort(
      ([a, n], [b, m]) => order[CATALOGUE[a]!.severity] - order[CATALOGUE[b]!.severity] || m - n || (a < b ? -1 : 1),
    );
    for (const [check, n] of rows) {
      const def = CATALOGUE[check]!;
      const example = r.findings.find((f) => f.check === check)!;
      out.push(`  ${def.severity.padEnd(7)} ${String(n).padStart(5)}× ${def.title} (${check})`);
      out.push(`                  e.g. ${example.url} — ${example.message}`);
    }
  }
  if (r.keywords.length) {
    out.push("", "Keywords:");
    for (const k of r.keywords)
      out.push(
        `  ${k.keyword}: ${k.missing ? "not targeted" : `best page ${k.bestPage} (density ${k.density}%)`}, ${k.pages.length} page(s)`,
      );
  }
  if (r.competitors.length) {
    out.push("", "Competitors:");
    for (const c of r.competitors)
      out.push(`  ${c.url}: ${c.error ? `failed (${c.error})` : `score ${c.score}, ${c.pages} pages`}`);
  }
  return out.join("\n");
}

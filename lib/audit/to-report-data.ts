/** Maps an engine result onto the PDF renderer's input (lib/reports), for `npm run audit -- --pdf`. */
import type { ReportData } from "@/lib/reports/types";
import { CATALOGUE } from "./catalogue";
import type { AuditResult } from "./types";

export function toReportData(r: AuditResult, plan = "cli"): ReportData {
  return {
    siteUrl: r.target,
    plan,
    date: new Date(r.finishedAt),
    score: r.score,
    categories: r.categories,
    pages: r.pages.slice(0, 1000).map((p) => ({ url: p.url, status: p.status, title: p.title, depth: p.depth })),
    pageCount: r.pages.length,
    findings: r.findings.map(({ check, category, severity, url, message }) => ({
      check,
      category,
      severity,
      url,
      message,
    })),
    keywords: r.keywords.map((k) => ({
      keyword: k.keyword,
      pages: k.pages.length,
      bestPage: k.bestPage,
      inTitle: k.pages.filter((p) => p.inTitle).length,
      inH1: k.pages.filter((p) => p.inH1).length,
      missing: k.missing,
    })),
    competitors: r.competitors.map((c) => ({
      url: c.url,
      score: c.score,
      categories: c.categories as Record<string, number>,
      pages: c.pages,
      error: c.error,
    })),
    previous: null,
    catalogue: Object.fromEntries(
      Object.values(CATALOGUE).map((c) => [c.id, { title: c.title, howToFix: c.howToFix, category: c.category }]),
    ),
  };
}

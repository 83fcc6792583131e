/**
 * npm run bench:pdf — render time and peak RSS of the PDF report for synthetic
 * audits of 100, 1,000 and 10,000 pages. Each size runs in its own process so
 * peak RSS is that render's alone; the first render in a process includes font
 * loading (reported as "cold"), then the same document is rendered again ("warm").
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { renderAuditPdf, type ReportData } from "@/lib/reports/render-audit-pdf";
import { auditEngine } from "@/lib/audit-runs/engine";

const SIZES = [100, 1_000, 10_000];

export function syntheticReport(pages: number): ReportData {
  const checks = Object.values(auditEngine.catalogue);
  const list = Array.from({ length: pages }, (_, i) => ({
    url: `https://example.com/категория-${i % 50}/страница-${i}?ref=α→β`,
    status: i % 97 === 0 ? 404 : 200,
    title: `Page ${i} — Ελληνικά, кириллица, عربي ✓`,
    depth: i % 6,
  }));
  const findings = list.flatMap((p, i) =>
    [0, 1, 2].map((k) => {
      const c = checks[(i + k * 7) % checks.length]!;
      return {
        check: c.id,
        category: c.category,
        severity: k === 0 ? "error" : k === 1 ? "warning" : "notice",
        url: p.url,
        message: `${c.title} on page ${i}`,
      };
    }),
  );
  return {
    siteUrl: "https://example.com/",
    plan: "enterprise",
    date: new Date("2026-11-22T12:00:00Z"),
    score: 71,
    categories: Object.fromEntries(auditEngine.categories.map((c, i) => [c, 40 + ((i * 13) % 60)])),
    pages: list.slice(0, 1000),
    pageCount: pages,
    findings,
    keywords: ["widgets", "gadgets", "гаджеты"].map((k, i) => ({
      keyword: k,
      pages: i,
      bestPage: i ? list[i]!.url : null,
      inTitle: i,
      inH1: i,
      missing: i === 0,
    })),
    competitors: [{ url: "https://competitor.example/", score: 64, categories: {}, pages: 100 }],
    previous: { date: new Date("2026-10-22T12:00:00Z"), score: 66, categories: {} },
    catalogue: auditEngine.catalogue,
    whiteLabel: { companyName: "Agentur Müller & Söhne" },
  };
}

async function one(pages: number) {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const data = syntheticReport(pages);
  let start = performance.now();
  const buf = await renderAuditPdf(data);
  const cold = performance.now() - start;
  start = performance.now();
  await renderAuditPdf(data);
  const warm = performance.now() - start;
  clearInterval(t);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    JSON.stringify({
      pages,
      coldMs: Math.round(cold),
      warmMs: Math.round(warm),
      peakRssMb: Math.round(peak / 1e6),
      pdfKb: Math.round(buf.length / 1024),
    }),
  );
}

const arg = process.argv.indexOf("--pages");
const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (!isMain) {
  // imported (by another script): no run
} else if (arg > 0) {
  await one(Number(process.argv[arg + 1]));
} else {
  console.log("pages    cold ms  warm ms  peak RSS MB  PDF KB");
  for (const n of SIZES) {
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", fileURLToPath(import.meta.url), "--pages", String(n)],
      { encoding: "utf8" },
    );
    const r = JSON.parse(out.trim().split("\n").at(-1)!) as Record<string, number>;
    console.log(
      `${String(r.pages).padEnd(8)} ${String(r.coldMs).padStart(7)}  ${String(r.warmMs).padStart(7)}  ${String(r.peakRssMb).padStart(11)}  ${String(r.pdfKb).padStart(6)}`,
    );
  }
}

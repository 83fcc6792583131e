import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderAuditPdf, type ReportData } from "./render-audit-pdf";

function data(over: Partial<ReportData> = {}): ReportData {
  const pages = Array.from({ length: 120 }, (_, i) => ({
    url: `https://пример.рф/страница-${i}?q=<script>&x=1`,
    status: 200,
    title: `Заголовок ${i} · Ελληνικά · عربي → ✓`,
    depth: 1,
  }));
  return {
    siteUrl: "https://пример.рф/",
    plan: "enterprise",
    date: new Date("2026-11-22T10:00:00Z"),
    score: 64,
    categories: { crawlability: 50, "on-page": 78 },
    pages,
    pageCount: pages.length,
    findings: pages.map((p) => ({
      check: "title-too-long",
      category: "on-page",
      severity: "warning",
      url: p.url,
      message: "Title → too long ✓",
    })),
    keywords: [{ keyword: "ключ", pages: 1, bestPage: pages[0]!.url, inTitle: 1, inH1: 0, missing: false }],
    competitors: [{ url: "https://rival.example/", score: 70, categories: {}, pages: 50 }],
    previous: { date: new Date("2026-10-22T10:00:00Z"), score: 58, categories: { crawlability: 40 } },
    catalogue: {
      "title-too-long": { title: "Title too long", howToFix: "Shorten it → 60 characters", category: "on-page" },
    },
    whiteLabel: { companyName: "Агентство Müller & Co <b>" },
    ...over,
  };
}

function text(pdf: Buffer): string {
  const file = path.join(os.tmpdir(), `report-test-${process.pid}-${Math.random()}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(file);
  }
}

describe("renderAuditPdf", () => {
  it("renders every script and symbol literally through the embedded Unicode font", async () => {
    const pdf = await renderAuditPdf(data());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const t = text(pdf);
    expect(t).toContain("https://пример.рф/");
    expect(t).toContain("64\nHealth score / 100");
    expect(t).toContain("Агентство Müller & Co <b>");
    expect(t).toContain("https://пример.рф/страница-0?q=<script>&x=1");
    expect(t).toContain("Заголовок 0 · Ελληνικά");
    expect(t).toContain("Shorten it → 60 characters");
    expect(t).toContain("↑ +6");
    expect(t).toContain("ключ");
    const file = path.join(os.tmpdir(), `fonts-${process.pid}.pdf`);
    fs.writeFileSync(file, pdf);
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" });
    fs.rmSync(file);
    expect(fonts).toContain("DejaVuSans");
    // react-pdf still lists Helvetica (not embedded) for the "\n" of multi-line text blocks; no glyph is drawn
    // with it, which the text assertions above prove for every script.
  });

  it("renders Chinese and Japanese text through the CJK fallback font", async () => {
    const pdf = await renderAuditPdf(
      data({ siteUrl: "https://例子.中国/", whiteLabel: { companyName: "株式会社テスト 検索最適化" } }),
    );
    const t = text(pdf);
    expect(t).toContain("https://例子.中国/");
    expect(t).toContain("株式会社テスト 検索最適化");
    expect(t).toContain("Заголовок 0 · Ελληνικά");
  });

  it("caps long lists and says how many more there are", async () => {
    const t = text(await renderAuditPdf(data(), { maxRowsPerCheck: 10, maxAppendixRows: 20 }));
    expect(t).toContain("… and 110 more on the dashboard.");
    expect(t).toContain("… 100 more pages are listed on the dashboard.");
  });

  it("a second report in the same process keeps every glyph (fonts are registered per document)", async () => {
    await renderAuditPdf(data());
    const t = text(await renderAuditPdf(data({ whiteLabel: null })));
    expect(t).toContain("SEO Health Report\n\nSEO health report");
  });

  it("first audit of a site: no trend, no white label", async () => {
    const t = text(await renderAuditPdf(data({ previous: null, whiteLabel: null })));
    expect(t).toContain("This is the first audit of this site");
    expect(t).toContain("SEO Health Report");
  });
});

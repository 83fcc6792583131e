import { Document, Page, Text, View, Image } from "@react-pdf/renderer";
import type { ReportData, ReportFinding } from "./types";
import { executiveSummary, rankIssues } from "./summarise";

import { s } from "./report-styles";
import { Bars, BarLabels, Footer, Gauge, Table } from "./report-parts";

const fmtDate = (d: Date) => d.toISOString().slice(0, 10);

export function ReportDocument({
  data,
  maxRowsPerCheck,
  maxAppendixRows,
  fontFamily,
}: {
  data: ReportData;
  maxRowsPerCheck: number;
  maxAppendixRows: number;
  fontFamily: string | string[];
}) {
  const page = [s.page, { fontFamily }];
  const top = rankIssues(data.findings, data.pageCount).slice(0, 10);
  const byCategory = new Map<string, Map<string, ReportFinding[]>>();
  for (const f of data.findings) {
    const cat = byCategory.get(f.category) ?? new Map<string, ReportFinding[]>();
    const list = cat.get(f.check) ?? [];
    if (list.length < maxRowsPerCheck) list.push(f);
    cat.set(f.check, list);
    byCategory.set(f.category, cat);
  }
  const counts = new Map<string, number>();
  for (const f of data.findings) counts.set(f.check, (counts.get(f.check) ?? 0) + 1);
  const appendix = data.pages.slice(0, maxAppendixRows);
  const before = (k: string) => (k === "overall" ? data.previous?.score : data.previous?.categories[k]);
  return (
    <Document
      title={`SEO health report — ${data.siteUrl}`}
      author={data.whiteLabel?.companyName ?? "SEO Health Report"}
    >
      <Page size="A4" style={page}>
        {data.whiteLabel?.logoUrl ? (
          // react-pdf's Image has no alt attribute
          // eslint-disable-next-line jsx-a11y/alt-text
          <Image src={data.whiteLabel.logoUrl} style={{ width: 120, marginBottom: 24 }} />
        ) : null}
        <Text style={[s.muted, { marginTop: 80 }]}>{data.whiteLabel?.companyName ?? "SEO Health Report"}</Text>
        <Text style={s.h1}>SEO health report</Text>
        <Text style={{ fontSize: 14, marginBottom: 24 }}>{data.siteUrl}</Text>
        <Gauge score={data.score} />
        <Text style={[s.p, { marginTop: 24 }]}>Date: {fmtDate(data.date)}</Text>
        <Text style={s.p}>Plan: {data.plan}</Text>
        <Text style={s.p}>Pages crawled: {data.pageCount}</Text>
        <Footer data={data} />
      </Page>
      <Page size="A4" style={page}>
        <Text style={s.h2}>Executive summary</Text>
        {executiveSummary(data).map((para, i) => (
          <Text key={i} style={s.p}>
            {para}
          </Text>
        ))}
        <Text style={s.h3}>Scores by category</Text>
        <Bars categories={data.categories} />
        <BarLabels categories={data.categories} />
        {data.previous ? (
          <View>
            <Text style={s.h3}>Trend since {fmtDate(data.previous.date)}</Text>
            <Table
              cols={[
                { label: "Category", width: "40%", get: (r: [string, number]) => r[0] },
                { label: "Previous", width: "20%", get: (r) => String(before(r[0]) ?? "–") },
                { label: "Now", width: "20%", get: (r) => String(r[1]) },
                { label: "Change", width: "20%", get: (r) => delta(r[1], before(r[0])) },
              ]}
              rows={[["overall", data.score] as [string, number], ...Object.entries(data.categories)]}
            />
            <Text style={[s.p, s.muted]}>
              Overall: {data.previous.score} → {data.score} ({delta(data.score, data.previous.score)})
            </Text>
          </View>
        ) : (
          <Text style={[s.p, s.muted]}>This is the first audit of this site: the next one will show the trend.</Text>
        )}
        <Footer data={data} />
      </Page>
      <Page size="A4" style={page}>
        <Text style={s.h2}>Top {top.length} issues by impact</Text>
        {top.map((t, i) => (
          <View key={t.check} style={{ marginBottom: 8 }} wrap={false}>
            <Text style={{ fontWeight: "bold" }}>
              {i + 1}. {data.catalogue[t.check]?.title ?? t.check} — {t.count} × {t.severity}
            </Text>
            <Text style={s.p}>{data.catalogue[t.check]?.howToFix ?? "See the findings below."}</Text>
          </View>
        ))}
        {top.length === 0 ? <Text style={s.p}>No issues found ✓</Text> : null}
        <Footer data={data} />
      </Page>
      {[...byCategory.entries()].map(([cat, checks]) => (
        <Page key={cat} size="A4" style={page}>
          <Text style={s.h2}>
            {cat} — {data.categories[cat] ?? "–"}/100
          </Text>
          {[...checks.entries()].map(([check, rows]) => (
            <View key={check}>
              <Text style={s.h3} minPresenceAhead={40}>
                {data.catalogue[check]?.title ?? check} ({counts.get(check)})
              </Text>
              {data.catalogue[check] ? <Text style={s.p}>How to fix: {data.catalogue[check].howToFix}</Text> : null}
              {/* Text blocks, not cells: a 1,000-page audit has thousands of rows, and cells are ~10× slower to lay out. */}
              {chunk(rows, 40).map((part, k) => (
                <Text key={k} style={{ fontSize: 7.5, lineHeight: 1.35 }}>
                  {part.map((r) => `• ${r.url} — ${r.message}`).join("\n")}
                </Text>
              ))}
              {(counts.get(check) ?? 0) > rows.length ? (
                <Text style={s.muted}>… and {(counts.get(check) ?? 0) - rows.length} more on the dashboard.</Text>
              ) : null}
            </View>
          ))}
          <Footer data={data} />
        </Page>
      ))}
      <Page size="A4" style={page}>
        <Text style={s.h2}>Keywords</Text>
        {data.keywords.length ? (
          <Table
            cols={[
              { label: "Keyword", width: "22%", get: (r: ReportData["keywords"][number]) => r.keyword },
              { label: "Pages", width: "10%", get: (r) => String(r.pages) },
              { label: "In title", width: "10%", get: (r) => String(r.inTitle) },
              { label: "In H1", width: "10%", get: (r) => String(r.inH1) },
              { label: "Best page", width: "40%", get: (r) => r.bestPage ?? "—" },
              { label: "", width: "8%", get: (r) => (r.missing ? "✗" : "✓") },
            ]}
            rows={data.keywords}
          />
        ) : (
          <Text style={[s.p, s.muted]}>No keywords were given for this audit.</Text>
        )}
        <Text style={[s.h2, { marginTop: 16 }]}>Competitors</Text>
        {data.competitors.length ? (
          <Table
            cols={[
              {
                label: "Site",
                width: "40%",
                get: (r: { url: string; score: number | null; pages: number; error?: string }) => r.url,
              },
              { label: "Score", width: "15%", get: (r) => (r.score === null ? "n/a" : String(r.score)) },
              { label: "Pages", width: "15%", get: (r) => String(r.pages) },
              {
                label: "vs you",
                width: "30%",
                get: (r) => (r.score === null ? (r.error ?? "") : delta(data.score, r.score)),
              },
            ]}
            rows={[
              {
                url: `${data.siteUrl} (you)`,
                score: data.score,
                pages: data.pageCount,
                error: undefined as string | undefined,
              },
              ...data.competitors,
            ]}
          />
        ) : (
          <Text style={[s.p, s.muted]}>No competitors were given for this audit.</Text>
        )}
        <Footer data={data} />
      </Page>
      <Page size="A4" style={page}>
        <Text style={s.h2}>Appendix: crawled pages ({data.pageCount})</Text>
        <Text style={[s.muted, { marginBottom: 4 }]}>status · depth · URL — title</Text>
        {/* One text node per row: thousands of rows lay out several times faster than cells. */}
        {chunk(appendix, 40).map((rows, i) => (
          <Text key={i} style={{ fontSize: 7, lineHeight: 1.35 }}>
            {rows
              .map((r) => `${r.status ?? "—"} · ${r.depth ?? "—"} · ${r.url}${r.title ? ` — ${r.title}` : ""}`)
              .join("\n")}
          </Text>
        ))}
        {data.pageCount > appendix.length ? (
          <Text style={s.muted}>… {data.pageCount - appendix.length} more pages are listed on the dashboard.</Text>
        ) : null}
        <Footer data={data} />
      </Page>
    </Document>
  );
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

function delta(now: number, before: number | undefined): string {
  if (before === undefined) return "–";
  const d = now - before;
  return d === 0 ? "±0" : d > 0 ? `↑ +${d}` : `↓ ${d}`;
}

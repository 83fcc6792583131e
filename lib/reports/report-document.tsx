import { Document, Page, Path, Rect, StyleSheet, Svg, Text, View, Image } from "@react-pdf/renderer";
import type { ReportData, ReportFinding } from "./types";
import { executiveSummary, rankIssues, scoreColor } from "./summarise";

const s = StyleSheet.create({
  page: { fontSize: 9, padding: 36, paddingBottom: 48, color: "#1f2937" },
  h1: { fontSize: 24, fontWeight: "bold", marginBottom: 8 },
  h2: { fontSize: 15, fontWeight: "bold", marginBottom: 8, marginTop: 4 },
  h3: { fontSize: 11, fontWeight: "bold", marginTop: 8, marginBottom: 4 },
  p: { marginBottom: 6, lineHeight: 1.4 },
  muted: { color: "#6b7280" },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#e5e7eb", paddingVertical: 2 },
  head: {
    flexDirection: "row",
    borderBottomWidth: 1,
    borderBottomColor: "#9ca3af",
    paddingVertical: 2,
    fontWeight: "bold",
  },
  footer: {
    position: "absolute",
    bottom: 20,
    left: 36,
    right: 36,
    fontSize: 7,
    color: "#9ca3af",
    flexDirection: "row",
    justifyContent: "space-between",
  },
});

type Col<T> = { label: string; width: string; get: (r: T) => string };

/** A table whose header repeats on every page and whose rows never split. */
function Table<T>({ cols, rows }: { cols: Col<T>[]; rows: T[] }) {
  return (
    <View>
      <View style={s.head} fixed>
        {cols.map((c) => (
          <Text key={c.label} style={{ width: c.width, paddingRight: 4 }}>
            {c.label}
          </Text>
        ))}
      </View>
      {rows.map((r, i) => (
        <View key={i} style={s.row} wrap={false}>
          {cols.map((c) => (
            <Text key={c.label} style={{ width: c.width, paddingRight: 4 }}>
              {c.get(r)}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function arc(cx: number, cy: number, r: number, from: number, to: number): string {
  const p = (a: number) => [cx + r * Math.cos(Math.PI * (1 - a)), cy - r * Math.sin(Math.PI * (1 - a))];
  const [x1, y1] = p(from);
  const [x2, y2] = p(to);
  return `M ${x1} ${y1} A ${r} ${r} 0 0 1 ${x2} ${y2}`;
}

function Gauge({ score }: { score: number }) {
  const v = Math.max(0.001, Math.min(1, score / 100));
  return (
    <View style={{ alignItems: "center", marginVertical: 8 }}>
      <Svg width={200} height={110} viewBox="0 0 200 110">
        <Path d={arc(100, 100, 80, 0, 1)} stroke="#e5e7eb" strokeWidth={18} fill="none" />
        <Path d={arc(100, 100, 80, 0, v)} stroke={scoreColor(score)} strokeWidth={18} fill="none" />
      </Svg>
      <Text style={{ fontSize: 28, fontWeight: "bold", marginTop: -40 }}>{score}</Text>
      <Text style={s.muted}>Health score / 100</Text>
    </View>
  );
}

function Bars({ categories }: { categories: Record<string, number> }) {
  const entries = Object.entries(categories);
  const h = entries.length * 20;
  return (
    <Svg width={460} height={h} viewBox={`0 0 460 ${h}`}>
      {entries.map((_, i) => (
        <Rect key={`bg${i}`} x={120} y={i * 20 + 3} width={300} height={12} fill="#f3f4f6" />
      ))}
      {entries.map(([, v], i) => (
        <Rect
          key={`v${i}`}
          x={120}
          y={i * 20 + 3}
          width={Math.max(1, (v / 100) * 300)}
          height={12}
          fill={scoreColor(v)}
        />
      ))}
    </Svg>
  );
}

function BarLabels({ categories }: { categories: Record<string, number> }) {
  return (
    <View style={{ marginTop: -Object.keys(categories).length * 20 }}>
      {Object.entries(categories).map(([k, v]) => (
        <View key={k} style={{ flexDirection: "row", height: 20, alignItems: "center" }}>
          <Text style={{ width: 120 }}>{k}</Text>
          <Text style={{ marginLeft: 305 }}>{v}</Text>
        </View>
      ))}
    </View>
  );
}

function Footer({ data }: { data: ReportData }) {
  const brand = data.whiteLabel?.companyName ?? "SEO Health Report";
  return (
    <View style={s.footer} fixed>
      <Text>
        {brand} · {data.siteUrl}
      </Text>
      <Text render={({ pageNumber, totalPages }) => `${pageNumber} / ${totalPages}`} />
    </View>
  );
}

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

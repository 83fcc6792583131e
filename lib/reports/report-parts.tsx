import { Path, Rect, Svg, Text, View } from "@react-pdf/renderer";
import type { ReportData } from "./types";
import { scoreColor } from "./summarise";
import { s } from "./report-styles";

export type Col<T> = { label: string; width: string; get: (r: T) => string };

/** A table whose header repeats on every page and whose rows never split. */
export function Table<T>({ cols, rows }: { cols: Col<T>[]; rows: T[] }) {
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

export function Gauge({ score }: { score: number }) {
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

export function Bars({ categories }: { categories: Record<string, number> }) {
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

export function BarLabels({ categories }: { categories: Record<string, number> }) {
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

export function Footer({ data }: { data: ReportData }) {
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

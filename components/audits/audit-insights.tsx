import Link from "next/link";
import type { AuditInsights } from "@/lib/audit-runs/insights";

const delta = (now: number, before: number | undefined) => {
  if (before === undefined) return null;
  const d = now - before;
  const cls = d > 0 ? "text-emerald-700" : d < 0 ? "text-red-700" : "text-zinc-500";
  return <span className={`ml-1 text-xs ${cls}`}>{d > 0 ? `↑ +${d}` : d < 0 ? `↓ ${d}` : "±0"}</span>;
};

/** Trend against the previous audit, keyword coverage and the competitor comparison. */
export function AuditInsightsView({
  insights,
  score,
  categories,
}: {
  insights: AuditInsights;
  score: number;
  categories: Record<string, number>;
}) {
  const { previous, keywords, competitors } = insights;
  return (
    <div className="space-y-8">
      {previous ? (
        <section>
          <h2 className="text-xl font-semibold">Since the previous audit</h2>
          <p className="mt-1 text-sm text-zinc-600">
            Compared with{" "}
            <Link href={`/dashboard/audits/${previous.id}`} className="text-brand-700 underline">
              the audit of {previous.date.slice(0, 10)}
            </Link>
            : health score {previous.score} → {score}
            {delta(score, previous.score)}
          </p>
          <ul className="mt-2 flex flex-wrap gap-3 text-sm">
            {Object.entries(categories).map(([name, v]) => (
              <li key={name} className="rounded border border-zinc-200 bg-white px-2 py-1">
                {name} {v}
                {delta(v, previous.categories[name])}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {keywords.length ? (
        <section>
          <h2 className="text-xl font-semibold">Keywords</h2>
          <table className="mt-3 w-full text-left text-sm">
            <thead className="border-b border-zinc-300 text-zinc-600">
              <tr>
                <th className="py-2">Keyword</th>
                <th>Pages</th>
                <th>In title</th>
                <th>In H1</th>
                <th>Best page</th>
              </tr>
            </thead>
            <tbody>
              {keywords.map((k) => (
                <tr key={k.keyword} className="border-b border-zinc-100">
                  <td className="py-1.5 font-medium">
                    {k.keyword}
                    {k.missing ? <span className="ml-2 text-xs text-red-700">not targeted</span> : null}
                  </td>
                  <td className="tabular-nums">{k.pages}</td>
                  <td className="tabular-nums">{k.inTitle}</td>
                  <td className="tabular-nums">{k.inH1}</td>
                  <td className="break-all text-zinc-600">{k.bestPage ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {competitors.length ? (
        <section>
          <h2 className="text-xl font-semibold">Competitors</h2>
          <table className="mt-3 w-full text-left text-sm">
            <thead className="border-b border-zinc-300 text-zinc-600">
              <tr>
                <th className="py-2">Site</th>
                <th>Score</th>
                {Object.keys(categories).map((c) => (
                  <th key={c} className="capitalize">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="border-b border-zinc-100 bg-brand-50">
                <td className="py-1.5 font-medium">Your site</td>
                <td className="tabular-nums">{score}</td>
                {Object.values(categories).map((v, i) => (
                  <td key={i} className="tabular-nums">
                    {v}
                  </td>
                ))}
              </tr>
              {competitors.map((c) => (
                <tr key={c.url} className="border-b border-zinc-100">
                  <td className="py-1.5 break-all">{c.url}</td>
                  {c.error ? (
                    <td colSpan={Object.keys(categories).length + 1} className="text-zinc-500">
                      not audited: {c.error}
                    </td>
                  ) : (
                    <>
                      <td className="tabular-nums">{c.score ?? "—"}</td>
                      {Object.keys(categories).map((k) => (
                        <td key={k} className="tabular-nums">
                          {c.categories[k] ?? "—"}
                        </td>
                      ))}
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

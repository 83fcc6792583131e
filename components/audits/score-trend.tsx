/** Health score over time for one site, as an inline SVG line chart (no client JS). */
export function ScoreTrend({ points }: { points: { date: Date; score: number }[] }) {
  if (points.length < 2) return null;
  const w = 560;
  const h = 160;
  const pad = 28;
  const x = (i: number) => pad + (i * (w - 2 * pad)) / (points.length - 1);
  const y = (s: number) => h - pad - (s * (h - 2 * pad)) / 100;
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
  const label = points.map((p) => `${p.date.toISOString().slice(0, 10)}: ${p.score}`).join(", ");
  return (
    <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`Health score trend: ${label}`} className="w-full max-w-xl">
      {[0, 50, 100].map((g) => (
        <g key={g}>
          <line x1={pad} x2={w - pad} y1={y(g)} y2={y(g)} stroke="#e4e4e7" />
          <text x={4} y={y(g) + 4} fontSize="10" fill="#71717a">
            {g}
          </text>
        </g>
      ))}
      <path d={path} fill="none" stroke="#0d9488" strokeWidth="2.5" />
      {points.map((p, i) => (
        <g key={i}>
          <circle cx={x(i)} cy={y(p.score)} r="4" fill="#0d9488" />
          <text x={x(i)} y={y(p.score) - 8} fontSize="10" textAnchor="middle" fill="#3f3f46">
            {p.score}
          </text>
          <text x={x(i)} y={h - 8} fontSize="9" textAnchor="middle" fill="#71717a">
            {p.date.toISOString().slice(5, 10)}
          </text>
        </g>
      ))}
    </svg>
  );
}

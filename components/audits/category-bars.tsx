const color = (v: number) => (v >= 80 ? "bg-emerald-500" : v >= 50 ? "bg-amber-500" : "bg-red-500");

/** Score per category as horizontal bars. */
export function CategoryBars({ categories }: { categories: Record<string, number> }) {
  return (
    <ul className="space-y-2">
      {Object.entries(categories).map(([name, v]) => (
        <li key={name} className="flex items-center gap-3 text-sm">
          <span className="w-32 shrink-0 text-zinc-700">{name}</span>
          <span className="h-3 flex-1 rounded bg-zinc-100">
            <span className={`block h-3 rounded ${color(v)}`} style={{ width: `${v}%` }} />
          </span>
          <span className="w-8 text-right tabular-nums">{v}</span>
        </li>
      ))}
    </ul>
  );
}

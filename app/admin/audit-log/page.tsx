import Link from "next/link";
import { listAuditActions, queryAuditLog, type AuditLogFilter } from "@/lib/audit-log/record";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

type Search = Promise<Record<string, string | string[] | undefined>>;

function parseDate(v: string | undefined, endOfDay = false): Date | undefined {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (endOfDay) d.setUTCDate(d.getUTCDate() + 1); // "to" includes the whole day
  return d;
}

export default async function AuditLogPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const one = (k: string) => {
    const v = Array.isArray(sp[k]) ? sp[k][0] : sp[k];
    return v?.trim() || undefined;
  };
  const f = { action: one("action"), actor: one("actor"), from: one("from"), to: one("to") };
  const filter: AuditLogFilter = {
    action: f.action,
    actor: f.actor,
    from: parseDate(f.from),
    to: parseDate(f.to, true),
    before: Number(one("before")) || undefined,
    limit: 50,
  };
  const [{ entries, nextBefore }, actions] = await Promise.all([queryAuditLog(filter), listAuditActions()]);
  const prefixes = [...new Set(actions.map((a) => a.split(".")[0] + "."))];
  const qs = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...f, ...extra })) if (v !== undefined && v !== "") p.set(k, String(v));
    return `?${p}`;
  };
  const input =
    "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none";

  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Audit log</h1>
      <p className="mt-1 text-sm text-zinc-600">
        Sign-ins, password and token changes, role changes, exports, deletions and admin actions. Newest first; times in
        UTC.
      </p>

      <form
        method="get"
        className="mt-6 grid gap-4 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm sm:grid-cols-5"
        role="search"
        aria-label="Filter the audit log"
      >
        <div>
          <label htmlFor="f-action" className="block text-sm font-medium text-zinc-800">
            Action
          </label>
          <select id="f-action" name="action" defaultValue={f.action ?? ""} className={input}>
            <option value="">All actions</option>
            {prefixes.map((p) => (
              <option key={p} value={p}>
                {p}* (all)
              </option>
            ))}
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-actor" className="block text-sm font-medium text-zinc-800">
            Actor
          </label>
          <input
            id="f-actor"
            name="actor"
            defaultValue={f.actor ?? ""}
            placeholder="email or user id"
            className={input}
          />
        </div>
        <div>
          <label htmlFor="f-from" className="block text-sm font-medium text-zinc-800">
            From
          </label>
          <input id="f-from" name="from" type="date" defaultValue={f.from ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="f-to" className="block text-sm font-medium text-zinc-800">
            To
          </label>
          <input id="f-to" name="to" type="date" defaultValue={f.to ?? ""} className={input} />
        </div>
        <div className="flex items-end gap-2">
          <button
            type="submit"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
          >
            Filter
          </button>
          <Link href="/admin/audit-log" className="rounded-md px-3 py-2 text-sm text-zinc-600 hover:bg-zinc-100">
            Reset
          </Link>
        </div>
      </form>

      <div className="mt-6 overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Audit log entries</caption>
          <thead className="bg-zinc-50 text-xs tracking-wide text-zinc-500 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Time
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Action
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Actor
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Target
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                IP
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Details
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {entries.length === 0 && (
              <tr>
                <td colSpan={6} className="px-4 py-10 text-center text-zinc-500">
                  No entries match these filters.
                </td>
              </tr>
            )}
            {entries.map((e) => (
              <tr key={e.id} className="align-top">
                <td className="px-4 py-3 whitespace-nowrap text-zinc-600">
                  {e.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                </td>
                <td className="px-4 py-3">
                  <span
                    className={`rounded px-2 py-0.5 font-mono text-xs ${e.action.includes("failed") || e.action.includes("blocked") ? "bg-red-50 text-red-700" : "bg-zinc-100 text-zinc-800"}`}
                  >
                    {e.action}
                  </span>
                </td>
                <td className="min-w-52 px-4 py-3 text-zinc-800 [overflow-wrap:anywhere]">
                  {e.actorEmail ??
                    (e.actorId ? (
                      <span className="font-mono text-xs" title={e.actorId}>
                        user:{e.actorId.slice(0, 8)}
                      </span>
                    ) : (
                      <span className="text-zinc-400">system / anonymous</span>
                    ))}
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-zinc-600">
                  {e.targetType ? (
                    <span className="font-mono text-xs" title={`${e.targetType}:${e.targetId}`}>
                      {e.targetType}:{e.targetId?.slice(0, 8)}
                    </span>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-zinc-600" title={e.userAgent ?? undefined}>
                  {e.ip ?? "—"}
                </td>
                <td className="min-w-56 px-4 py-3">
                  {Object.keys(e.details).length ? (
                    <dl className="flex flex-wrap gap-1">
                      {Object.entries(e.details).map(([k, v]) => (
                        <div key={k} className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700">
                          <dt className="inline text-zinc-500">{k}:</dt>{" "}
                          <dd className="inline font-mono break-all">
                            {typeof v === "string" ? v : JSON.stringify(v)}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ) : (
                    <span className="text-zinc-400">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="mt-4 flex justify-between text-sm" aria-label="Pagination">
        {filter.before ? (
          <Link href={`/admin/audit-log${qs({})}`} className="text-brand-700 hover:underline">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {nextBefore && (
          <Link href={`/admin/audit-log${qs({ before: nextBefore })}`} className="text-brand-700 hover:underline">
            Older entries →
          </Link>
        )}
      </nav>
    </div>
  );
}

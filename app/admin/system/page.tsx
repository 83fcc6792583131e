import Link from "next/link";
import { getJobRun, jobStats, listJobRuns } from "@/lib/jobs/runs";
import { inngestConfigured } from "@/lib/jobs/mode";

export const dynamic = "force-dynamic";
export const metadata = { title: "System health" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const fmt = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace("T", " ") : "—");

/** Job runs, steps, attempts and errors (the admin layout already restricts this to admins). */
export default async function SystemPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const runId = typeof sp.run === "string" ? sp.run : undefined;
  const [stats, runs, failed, detail] = await Promise.all([
    jobStats(),
    listJobRuns({ limit: 50 }),
    listJobRuns({ limit: 20, status: ["failed"] }),
    runId ? getJobRun(runId) : Promise.resolve(null),
  ]);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">System health</h1>
        <p className="mt-1 text-sm text-zinc-600">
          Jobs run {inngestConfigured() ? "on the configured Inngest server" : "in-process"} · {stats.workers.length}{" "}
          live runner{stats.workers.length === 1 ? "" : "s"} · {stats.pendingEvents} pending event
          {stats.pendingEvents === 1 ? "" : "s"}
        </p>
        <ul className="mt-3 flex gap-4 text-sm">
          {["queued", "running", "completed", "failed", "cancelled"].map((s) => (
            <li key={s} className="rounded border border-zinc-200 px-3 py-1">
              {s}: <strong className="tabular-nums">{stats.runs[s] ?? 0}</strong>
            </li>
          ))}
        </ul>
      </div>
      {detail ? (
        <section>
          <h2 className="text-lg font-semibold">
            Run {detail.functionId} · {detail.status}
          </h2>
          <p className="text-sm text-zinc-600">
            event {detail.eventName} ({detail.eventId}) · attempt {detail.attempt} · created {fmt(detail.createdAt)}
          </p>
          {detail.error ? <p className="mt-1 text-sm text-red-700">{detail.error}</p> : null}
          <RunTable
            head={["step", "kind", "status", "attempts", "duration", "error"]}
            rows={detail.steps.map((s) => [
              s.stepId,
              s.kind,
              s.status,
              String(s.attempts),
              s.durationMs === null ? "—" : `${s.durationMs} ms`,
              s.error ?? "",
            ])}
          />
        </section>
      ) : null}
      <section>
        <h2 className="text-lg font-semibold">Recent failures</h2>
        <Runs runs={failed} />
      </section>
      <section>
        <h2 className="text-lg font-semibold">Recent runs</h2>
        <Runs runs={runs} />
      </section>
    </div>
  );
}

function Runs({ runs }: { runs: Awaited<ReturnType<typeof listJobRuns>> }) {
  if (!runs.length) return <p className="text-sm text-zinc-600">None.</p>;
  return (
    <table className="mt-2 w-full text-left text-sm">
      <thead className="border-b border-zinc-300 text-zinc-600">
        <tr>
          <th className="py-1">function</th>
          <th>status</th>
          <th>attempt</th>
          <th>created</th>
          <th>finished</th>
          <th>error</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} className="border-b border-zinc-100 align-top">
            <td className="py-1">
              <Link href={`/admin/system?run=${r.id}`} className="underline">
                {r.functionId}
              </Link>
            </td>
            <td>{r.status}</td>
            <td className="tabular-nums">{r.attempt}</td>
            <td>{fmt(r.createdAt)}</td>
            <td>{fmt(r.finishedAt)}</td>
            <td className="max-w-xs break-words text-red-700">{r.error ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RunTable({ head, rows }: { head: string[]; rows: string[][] }) {
  return (
    <table className="mt-2 w-full text-left text-sm">
      <thead className="border-b border-zinc-300 text-zinc-600">
        <tr>
          {head.map((h) => (
            <th key={h} className="py-1">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className="border-b border-zinc-100 align-top">
            {r.map((c, j) => (
              <td key={j} className="max-w-xs py-1 break-words">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

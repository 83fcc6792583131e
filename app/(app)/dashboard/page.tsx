import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";
import { listUserAudits } from "@/lib/audit-runs/queries";

export const metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const audits = await listUserAudits(user.id);
  return (
    <div>
      <h1 className="text-2xl font-bold">Your audits</h1>
      {audits.length === 0 ? (
        <p className="mt-4 text-zinc-600">
          You have no audits yet.{" "}
          <Link href="/pricing" className="text-brand-700 underline">
            Choose a plan
          </Link>{" "}
          to start your first one.
        </p>
      ) : (
        <table className="mt-6 w-full text-left text-sm">
          <thead className="border-b border-zinc-300 text-zinc-600">
            <tr>
              <th className="py-2">Site</th>
              <th>Started</th>
              <th>Status</th>
              <th>Score</th>
              <th>Report</th>
            </tr>
          </thead>
          <tbody>
            {audits.map((a) => (
              <tr key={a.id} className="border-b border-zinc-100">
                <td className="py-2">
                  <Link href={`/dashboard/audits/${a.id}`} className="text-brand-700 underline">
                    {a.siteUrl}
                  </Link>
                </td>
                <td>{a.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</td>
                <td>
                  {a.status}
                  {a.status === "running" && a.progress ? ` (${a.progress.pagesDone} pages)` : null}
                </td>
                <td className="tabular-nums">{a.score ?? "—"}</td>
                <td>
                  {a.reportStatus === "ready" ? (
                    <a href={`/api/audits/${a.id}/report`} className="text-brand-700 underline">
                      PDF
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";
import { listUserAudits } from "@/lib/audit-runs/queries";
import { getEntitlement } from "@/lib/billing/entitlements";
import { PLANS } from "@/lib/billing/plans";
import { NewAuditForm } from "@/components/audits/new-audit-form";
import { ScoreTrend } from "@/components/audits/score-trend";

export const metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

const STATUS_STYLE: Record<string, string> = {
  pending: "bg-zinc-100 text-zinc-700",
  running: "bg-sky-100 text-sky-800",
  completed: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-zinc-100 text-zinc-500",
};

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const [audits, entitlement] = await Promise.all([listUserAudits(user.id), getEntitlement(user.id)]);
  const latestSite = audits[0]?.siteUrl ?? "";
  const trend = audits
    .filter((a) => a.siteUrl === latestSite && a.status === "completed" && a.score !== null)
    .map((a) => ({ date: a.finishedAt ?? a.createdAt, score: a.score! }))
    .reverse();
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Your audits</h1>
          {entitlement.allowed ? (
            <p className="text-zinc-600">
              {PLANS[entitlement.plan].name} plan · {entitlement.creditsLeft} of {entitlement.limits.auditsPerPeriod}{" "}
              audits left
              {entitlement.periodEnd ? ` until ${entitlement.periodEnd.toISOString().slice(0, 10)}` : ""}
              {entitlement.graceEndsAt
                ? ` · payment overdue: update your card before ${entitlement.graceEndsAt.toISOString().slice(0, 10)}`
                : ""}
            </p>
          ) : (
            <p className="text-zinc-600">
              {entitlement.reason}{" "}
              <Link href={entitlement.action.href} className="text-brand-700 underline">
                {entitlement.action.label}
              </Link>
            </p>
          )}
        </div>
        <Link href="/dashboard/billing" className="text-sm text-brand-700 underline">
          Billing and invoices
        </Link>
      </div>

      {entitlement.allowed && entitlement.creditsLeft > 0 ? (
        <NewAuditForm
          defaultSite={latestSite}
          keywordLimit={entitlement.limits.keywords}
          competitorLimit={entitlement.limits.competitors}
          creditsLeft={entitlement.creditsLeft}
        />
      ) : null}

      {trend.length >= 2 ? (
        <section className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm">
          <h2 className="text-lg font-semibold">Health score trend · {latestSite}</h2>
          <ScoreTrend points={trend} />
        </section>
      ) : null}

      {audits.length === 0 ? (
        <p className="text-zinc-600">
          You have no audits yet.{" "}
          <Link href="/pricing" className="text-brand-700 underline">
            Choose a plan
          </Link>{" "}
          to start your first one.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
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
                  <Link href={`/dashboard/audits/${a.id}`} className="break-all text-brand-700 underline">
                    {a.siteUrl}
                  </Link>
                </td>
                <td>{a.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</td>
                <td>
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[a.status] ?? ""}`}>
                    {a.status}
                  </span>
                  {a.status === "running" && a.progress ? (
                    <span className="ml-2 text-zinc-500">
                      {a.progress.pagesDone}/{a.progress.budget} pages
                    </span>
                  ) : null}
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

import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { getAuditFindings } from "@/lib/audit-runs/queries";
import { isAppError } from "@/lib/errors";
import { AuditLive } from "@/components/audits/audit-live";
import { CategoryBars } from "@/components/audits/category-bars";
import { AuditInsightsView } from "@/components/audits/audit-insights";
import { getAuditInsights } from "@/lib/audit-runs/insights";

export const metadata = { title: "Audit" };
export const dynamic = "force-dynamic";

export default async function AuditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/audits/${id}`);
  let data: Awaited<ReturnType<typeof getAuditFindings>>;
  let insights: Awaited<ReturnType<typeof getAuditInsights>>;
  try {
    [data, insights] = await Promise.all([getAuditFindings(id, user), getAuditInsights(id, user)]);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const { audit, checks } = data;
  return (
    <div className="space-y-8">
      <div>
        <Link href="/dashboard" className="text-sm text-zinc-500 underline">
          ← All audits
        </Link>
        <h1 className="mt-2 text-2xl font-bold break-all">{audit.siteUrl}</h1>
        <p className="text-zinc-600">
          {audit.plan} plan · requested {audit.createdAt.slice(0, 16).replace("T", " ")} UTC
        </p>
      </div>
      <AuditLive auditId={audit.id} initial={audit} />
      {audit.status === "completed" && audit.score !== null ? (
        <section className="grid gap-6 md:grid-cols-[200px_1fr]">
          <div className="text-center">
            <div className="text-6xl font-bold tabular-nums">{audit.score}</div>
            <div className="text-zinc-600">health score / 100</div>
          </div>
          <CategoryBars categories={audit.categories ?? {}} />
        </section>
      ) : null}
      {audit.status === "completed" && audit.score !== null ? (
        <AuditInsightsView insights={insights} score={audit.score} categories={audit.categories ?? {}} />
      ) : null}
      {checks.length ? (
        <section>
          <h2 className="text-xl font-semibold">Findings</h2>
          <div className="mt-4 space-y-4">
            {checks.map((c) => (
              <details key={c.check} className="rounded border border-zinc-200 p-3">
                <summary className="cursor-pointer">
                  <span
                    className={
                      c.severity === "error"
                        ? "text-red-700"
                        : c.severity === "warning"
                          ? "text-amber-700"
                          : "text-zinc-600"
                    }
                  >
                    {c.severity}
                  </span>{" "}
                  <strong>{c.title}</strong> · {c.category} · {c.n}
                </summary>
                {c.howToFix ? <p className="mt-2 text-sm text-zinc-700">How to fix: {c.howToFix}</p> : null}
                <ul className="mt-2 space-y-1 text-sm">
                  {c.examples.map((f, i) => (
                    <li key={i} className="break-all">
                      <span className="text-zinc-500">{f.url}</span> — {f.message}
                    </li>
                  ))}
                </ul>
              </details>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

type Status = {
  status: "pending" | "running" | "completed" | "failed" | "cancelled";
  progress: { phase: string; pagesDone: number; queued: number; budget: number } | null;
  score: number | null;
  error: string | null;
  report: { status: string; url: string | null };
};

const LIVE = new Set(["pending", "running"]);

/** Polls /api/audits/[id] while the audit or its report is in progress; refreshes the page when it finishes. */
export function AuditLive({ auditId, initial }: { auditId: string; initial: Status }) {
  const [s, setS] = useState(initial);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  const waiting = LIVE.has(s.status) || (s.status === "completed" && s.report.status === "pending");

  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(async () => {
      const res = await fetch(`/api/audits/${auditId}`, { cache: "no-store" });
      if (!res.ok) return;
      const next = (await res.json()) as Status;
      setS(next);
      if (next.status !== s.status || next.report.status !== s.report.status) router.refresh();
    }, 1500);
    return () => clearInterval(t);
  }, [auditId, waiting, s.status, s.report.status, router]);

  async function cancel() {
    setCancelling(true);
    setError(null);
    const res = await fetch(`/api/audits/${auditId}/cancel`, { method: "POST" });
    if (!res.ok)
      setError(((await res.json()) as { error?: { message?: string } }).error?.message ?? "Could not cancel.");
    else router.refresh();
    setCancelling(false);
  }

  const p = s.progress;
  const pct =
    p && p.budget
      ? Math.min(100, Math.round((p.pagesDone / Math.min(p.budget, p.pagesDone + p.queued || 1)) * 100))
      : 0;
  return (
    <div className="rounded-lg border border-zinc-200 p-4" data-testid="audit-live">
      <p>
        Status: <strong data-testid="audit-status">{s.status}</strong>
        {p && LIVE.has(s.status) ? ` — ${p.phase}, ${p.pagesDone} pages crawled (budget ${p.budget})` : null}
      </p>
      {LIVE.has(s.status) ? (
        <>
          <div
            className="mt-2 h-2 w-full rounded bg-zinc-100"
            role="progressbar"
            aria-valuenow={pct}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <div className="h-2 rounded bg-emerald-500" style={{ width: `${pct}%` }} />
          </div>
          <button
            onClick={cancel}
            disabled={cancelling}
            className="mt-3 rounded border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50"
          >
            {cancelling ? "Cancelling…" : "Cancel audit"}
          </button>
        </>
      ) : null}
      {s.status === "failed" && s.error ? <p className="mt-2 text-red-700">The audit failed: {s.error}</p> : null}
      {s.status === "completed" ? (
        s.report.url ? (
          <a
            href={s.report.url}
            className="mt-3 inline-block rounded bg-emerald-600 px-3 py-1 text-sm text-white hover:bg-emerald-700"
          >
            Download PDF report
          </a>
        ) : (
          <p className="mt-2 text-zinc-600">
            {s.report.status === "failed"
              ? "The PDF could not be rendered; we are on it."
              : "Rendering your PDF report…"}
          </p>
        )
      ) : null}
      {error ? <p className="mt-2 text-red-700">{error}</p> : null}
    </div>
  );
}

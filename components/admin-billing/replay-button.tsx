"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Re-runs one failed Stripe event through the webhook handlers (POST /api/admin/stripe-events/[id]/replay). */
export function ReplayButton({ eventId }: { eventId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  async function replay() {
    setPending(true);
    setMsg(null);
    const res = await fetch(`/api/admin/stripe-events/${encodeURIComponent(eventId)}/replay`, { method: "POST" }).catch(
      () => null,
    );
    const data = (await res?.json().catch(() => null)) as { status?: string; error?: { message?: string } } | null;
    setPending(false);
    if (res?.ok) {
      setMsg({ ok: data?.status !== "failed", text: `Replayed: ${data?.status ?? "done"}` });
      router.refresh();
    } else setMsg({ ok: false, text: data?.error?.message ?? "Replay failed." });
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={replay}
        disabled={pending}
        className="rounded border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-50 disabled:opacity-60"
      >
        {pending ? "Replaying…" : "Replay"}
      </button>
      {msg ? <span className={`text-xs ${msg.ok ? "text-emerald-700" : "text-red-700"}`}>{msg.text}</span> : null}
    </span>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getOutboxMessage, outboxEnabled } from "@/lib/email/outbox";

export const dynamic = "force-dynamic";

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!outboxEnabled()) notFound();
  const { id } = await params;
  const m = await getOutboxMessage(id).catch(() => null);
  if (!m) notFound();
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <Link href="/dev/outbox" className="text-sm text-brand-700 underline">
        ← Outbox
      </Link>
      <h1 className="mt-3 text-xl font-bold">{m.subject}</h1>
      <p className="text-sm text-zinc-600">
        To {m.to} · {m.template} · {m.createdAt.toISOString()}
      </p>
      {/* sandbox: the HTML is ours, but it is still a rendered email, not part of the app */}
      <iframe
        title="HTML part"
        sandbox=""
        srcDoc={m.html}
        className="mt-6 h-[520px] w-full rounded border border-zinc-200 bg-white"
      />
      <h2 className="mt-6 font-semibold">Plain-text part</h2>
      <pre
        data-testid="email-text"
        className="mt-2 rounded border border-zinc-200 bg-white p-4 text-sm whitespace-pre-wrap"
      >
        {m.text}
      </pre>
    </main>
  );
}

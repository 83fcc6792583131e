import Link from "next/link";
import { notFound } from "next/navigation";
import { listOutbox, outboxEnabled } from "@/lib/email/outbox";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dev outbox" };

export default async function OutboxPage() {
  if (!outboxEnabled()) notFound();
  const messages = await listOutbox();
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <h1 className="text-2xl font-bold">Email outbox</h1>
      <p className="mt-1 text-sm text-zinc-600">
        Every email the app sent. With SMTP_URL unset, this is where they go.
      </p>
      <table className="mt-6 w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm">
        <thead className="bg-zinc-100 text-left">
          <tr>
            <th className="p-3">When</th>
            <th className="p-3">To</th>
            <th className="p-3">Subject</th>
            <th className="p-3">Template</th>
            <th className="p-3">Status</th>
          </tr>
        </thead>
        <tbody>
          {messages.length === 0 && (
            <tr>
              <td colSpan={5} className="p-6 text-center text-zinc-500">
                No email yet.
              </td>
            </tr>
          )}
          {messages.map((m) => (
            <tr key={m.id} className="border-t border-zinc-100">
              <td className="p-3 whitespace-nowrap">{m.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td className="p-3">{m.to}</td>
              <td className="p-3">
                <Link href={`/dev/outbox/${m.id}`} className="text-brand-700 underline">
                  {m.subject}
                </Link>
              </td>
              <td className="p-3">{m.template}</td>
              <td className="p-3">{m.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

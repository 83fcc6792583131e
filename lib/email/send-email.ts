import { eq } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { renderEmail } from "./render";
import type { EmailTemplate } from "./template";
import { smtpTransport } from "./transport";

type SendOptions<P> = {
  to: string;
  template: EmailTemplate<P>;
  props: P;
  /** Same key → the message is recorded and sent once, however often this is called. */
  dedupeKey?: string;
  userId?: string | null;
  /** Record inside the caller's transaction (delivery then happens after commit via deliverPending). */
  tx?: Tx;
};

export type SendResult = { id: string | null; deduped: boolean };

/**
 * Records the message in email_outbox first (claiming its dedupe key), then
 * hands it to SMTP when configured. Without SMTP the row is the delivery: a
 * developer reads it at /dev/outbox.
 */
export async function sendEmail<P>(opts: SendOptions<P>): Promise<SendResult> {
  const { subject, html, text } = renderEmail(opts.template, opts.props);
  const [row] = await (opts.tx ?? db())
    .insert(schema.emailOutbox)
    .values({
      to: opts.to,
      subject,
      html,
      text,
      template: opts.template.name,
      dedupeKey: opts.dedupeKey,
      userId: opts.userId ?? null,
    })
    .onConflictDoNothing({ target: schema.emailOutbox.dedupeKey })
    .returning({ id: schema.emailOutbox.id });
  if (!row) return { id: null, deduped: true };
  if (!opts.tx) await deliver(row.id, { to: opts.to, subject, html, text });
  return { id: row.id, deduped: false };
}

async function deliver(id: string, msg: { to: string; subject: string; html: string; text: string }) {
  const smtp = smtpTransport();
  if (!smtp) return;
  try {
    await smtp.sendMail({ from: env().EMAIL_FROM, ...msg });
    await db()
      .update(schema.emailOutbox)
      .set({ status: "sent", sentAt: new Date() })
      .where(eq(schema.emailOutbox.id, id));
  } catch (e) {
    logger.error({ err: e, emailId: id }, "smtp delivery failed");
    await db()
      .update(schema.emailOutbox)
      .set({ status: "failed", error: e instanceof Error ? e.message : String(e) })
      .where(eq(schema.emailOutbox.id, id));
  }
}

/**
 * Hands one message recorded inside a (committed) transaction to SMTP without
 * making the caller wait, for answers whose timing must not depend on whether a
 * message was sent at all. Failures are recorded on the row, like deliver's.
 */
export function deliverInBackground(id: string): void {
  if (!smtpTransport()) return;
  void (async () => {
    const [r] = await db().select().from(schema.emailOutbox).where(eq(schema.emailOutbox.id, id));
    if (r?.status === "outbox") await deliver(r.id, r);
  })().catch((e) => logger.error({ err: e, emailId: id }, "background email delivery failed"));
}

/** Delivers messages recorded inside transactions (status still "outbox") once SMTP is configured. */
export async function deliverPending(limit = 50): Promise<number> {
  if (!smtpTransport()) return 0;
  const rows = await db().select().from(schema.emailOutbox).where(eq(schema.emailOutbox.status, "outbox")).limit(limit);
  for (const r of rows) await deliver(r.id, r);
  return rows.length;
}

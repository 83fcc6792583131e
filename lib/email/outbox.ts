import { desc, eq } from "drizzle-orm";
import { db, schema } from "@/db";

export async function listOutbox(limit = 100) {
  return db()
    .select({
      id: schema.emailOutbox.id,
      to: schema.emailOutbox.to,
      subject: schema.emailOutbox.subject,
      template: schema.emailOutbox.template,
      status: schema.emailOutbox.status,
      createdAt: schema.emailOutbox.createdAt,
    })
    .from(schema.emailOutbox)
    .orderBy(desc(schema.emailOutbox.createdAt))
    .limit(limit);
}

export async function getOutboxMessage(id: string) {
  const [row] = await db().select().from(schema.emailOutbox).where(eq(schema.emailOutbox.id, id));
  return row ?? null;
}

/**
 * The outbox is a development tool: it shows other people's mail. Production serves
 * /dev/outbox only as a demo (APP_DEMO, spelled as lib/env.ts accepts it), else 404.
 */
export function outboxEnabled(source: Record<string, string | undefined> = process.env): boolean {
  return source.NODE_ENV !== "production" || ["1", "true"].includes(source.APP_DEMO ?? "");
}

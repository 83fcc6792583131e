import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Every message the app sends. With SMTP configured rows record delivery; without
 * it this table is the local outbox shown at /dev/outbox. `dedupeKey` makes
 * "send the receipt for invoice X" idempotent across webhook retries.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: text("id")
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    template: text("template").notNull(),
    dedupeKey: text("dedupe_key"),
    status: text("status", { enum: ["outbox", "sent", "failed"] })
      .notNull()
      .default("outbox"),
    error: text("error"),
    userId: text("user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("email_outbox_dedupe_unique").on(t.dedupeKey), index("email_outbox_to_idx").on(t.to)],
);

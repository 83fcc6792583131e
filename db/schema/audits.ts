import { sql } from "drizzle-orm";
import { customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users";

const ts = (name: string) => timestamp(name, { withTimezone: true });
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

export type AuditProgress = { phase: string; pagesDone: number; queued: number; budget: number };

export const audits = pgTable(
  "audits",
  {
    id: text("id")
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    subscriptionId: text("subscription_id"),
    // One audit per paid checkout: the unique key that makes fulfilment exactly-once.
    checkoutSessionId: text("checkout_session_id"),
    trigger: text("trigger", { enum: ["checkout", "manual", "reaudit"] })
      .notNull()
      .default("manual"),
    plan: text("plan").notNull(),
    siteUrl: text("site_url").notNull(),
    keywords: jsonb("keywords").$type<string[]>().notNull().default([]),
    competitors: jsonb("competitors").$type<string[]>().notNull().default([]),
    companyName: text("company_name"),
    status: text("status", { enum: ["pending", "running", "completed", "failed", "cancelled"] })
      .notNull()
      .default("pending"),
    progress: jsonb("progress").$type<AuditProgress>(),
    score: integer("score"),
    categories: jsonb("categories").$type<Record<string, number>>(),
    summary: jsonb("summary").$type<Record<string, unknown>>(),
    error: text("error"),
    creditReturned: integer("credit_returned").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    uniqueIndex("audits_checkout_unique").on(t.checkoutSessionId),
    index("audits_user_idx").on(t.userId, t.createdAt),
  ],
);

export const auditPages = pgTable(
  "audit_pages",
  {
    id: text("id")
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    auditId: text("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    site: text("site").notNull().default("target"), // "target" or a competitor URL
    url: text("url").notNull(),
    status: integer("status"),
    depth: integer("depth"),
    title: text("title"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex("audit_pages_unique").on(t.auditId, t.site, t.url)],
);

export const auditFindings = pgTable(
  "audit_findings",
  {
    id: text("id")
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    auditId: text("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    site: text("site").notNull().default("target"),
    check: text("check").notNull(),
    category: text("category").notNull(),
    severity: text("severity").notNull(),
    url: text("url").notNull(),
    message: text("message").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_findings_audit_idx").on(t.auditId, t.severity)],
);

export const reports = pgTable("reports", {
  auditId: text("audit_id")
    .primaryKey()
    .references(() => audits.id, { onDelete: "cascade" }),
  status: text("status", { enum: ["pending", "ready", "failed"] })
    .notNull()
    .default("pending"),
  storageKey: text("storage_key"),
  sizeBytes: integer("size_bytes"),
  error: text("error"),
  createdAt: ts("created_at").notNull().defaultNow(),
  readyAt: ts("ready_at"),
});

/** Blob store used when no S3 bucket is configured (report PDFs, large results). */
export const storedFiles = pgTable("stored_files", {
  key: text("key").primaryKey(),
  contentType: text("content_type").notNull(),
  data: bytea("data").notNull(),
  sizeBytes: integer("size_bytes").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

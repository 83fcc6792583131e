import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Mirror of the Stripe catalogue, keyed by lookup key (`pro_annual`, `pro_setup`, …). */
export const stripePrices = pgTable("stripe_prices", {
  lookupKey: text("lookup_key").primaryKey(),
  stripePriceId: text("stripe_price_id").notNull(),
  stripeProductId: text("stripe_product_id").notNull(),
  plan: text("plan").notNull(),
  kind: text("kind", { enum: ["recurring", "setup"] }).notNull(),
  interval: text("interval"),
  unitAmount: integer("unit_amount").notNull(),
  currency: text("currency").notNull(),
  active: boolean("active").notNull().default(true),
  syncedAt: ts("synced_at").notNull().defaultNow(),
});

export const customers = pgTable(
  "customers",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("customers_stripe_unique").on(t.stripeCustomerId)],
);

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: text("id").primaryKey(), // Stripe subscription id
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    status: text("status").notNull(),
    plan: text("plan").notNull(),
    interval: text("interval").notNull(),
    stripePriceId: text("stripe_price_id").notNull(),
    currentPeriodStart: ts("current_period_start"),
    currentPeriodEnd: ts("current_period_end"),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    canceledAt: ts("canceled_at"),
    endedAt: ts("ended_at"),
    trialEnd: ts("trial_end"),
    pausedAt: ts("paused_at"),
    pastDueSince: ts("past_due_since"),
    // Entitlements for the current period: reset when a new period is paid.
    creditsPeriodStart: ts("credits_period_start"),
    auditsUsed: integer("audits_used").notNull().default(0),
    // `created` of the newest Stripe event applied; older events change nothing.
    lastEventAt: bigint("last_event_at", { mode: "number" }).notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("subscriptions_user_idx").on(t.userId), index("subscriptions_customer_idx").on(t.stripeCustomerId)],
);

export type AuditRequest = {
  siteUrl: string;
  keywords: string[];
  competitors: string[];
  companyName?: string;
};

export const checkoutSessions = pgTable(
  "checkout_sessions",
  {
    id: text("id").primaryKey(), // cs_…
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    plan: text("plan").notNull(),
    interval: text("interval").notNull(),
    status: text("status", { enum: ["open", "complete", "expired", "failed"] })
      .notNull()
      .default("open"),
    paymentStatus: text("payment_status"),
    auditRequest: jsonb("audit_request").$type<AuditRequest>().notNull(),
    amountTotal: integer("amount_total"),
    currency: text("currency"),
    subscriptionId: text("subscription_id"),
    fulfilledAt: ts("fulfilled_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("checkout_sessions_user_idx").on(t.userId)],
);

export const payments = pgTable(
  "payments",
  {
    id: text("id")
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    stripeChargeId: text("stripe_charge_id"), // the row's key: one payment per charge
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    stripeInvoiceId: text("stripe_invoice_id"),
    subscriptionId: text("subscription_id"),
    plan: text("plan"),
    amount: integer("amount").notNull(),
    amountRefunded: integer("amount_refunded").notNull().default(0),
    currency: text("currency").notNull(),
    status: text("status", {
      enum: ["succeeded", "failed", "refunded", "partially_refunded", "disputed"],
    }).notNull(),
    failureMessage: text("failure_message"),
    // Personal fields, anonymised on account erasure; the row stays for accounting.
    billingEmail: text("billing_email"),
    billingName: text("billing_name"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payments_charge_unique").on(t.stripeChargeId),
    // One row per charge: a payment intent retried after a decline has several.
    index("payments_intent_idx").on(t.stripePaymentIntentId),
    index("payments_user_idx").on(t.userId),
  ],
);

export type InvoiceLine = { description: string; amount: number; quantity: number; priceLookupKey?: string };

export const invoices = pgTable(
  "invoices",
  {
    id: text("id").primaryKey(), // in_…
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    subscriptionId: text("subscription_id"),
    number: text("number"),
    status: text("status").notNull(),
    currency: text("currency").notNull(),
    subtotal: integer("subtotal").notNull(),
    total: integer("total").notNull(),
    amountPaid: integer("amount_paid").notNull().default(0),
    amountDue: integer("amount_due").notNull().default(0),
    hostedInvoiceUrl: text("hosted_invoice_url"),
    invoicePdf: text("invoice_pdf"),
    lines: jsonb("lines").$type<InvoiceLine[]>().notNull().default([]),
    customerEmail: text("customer_email"),
    customerName: text("customer_name"),
    periodStart: ts("period_start"),
    periodEnd: ts("period_end"),
    paidAt: ts("paid_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("invoices_user_idx").on(t.userId)],
);

export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(), // evt_…
    type: text("type").notNull(),
    created: bigint("created", { mode: "number" }).notNull(),
    status: text("status", { enum: ["processing", "processed", "failed", "ignored"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    payload: jsonb("payload").notNull(),
    receivedAt: ts("received_at").notNull().defaultNow(),
    processedAt: ts("processed_at"),
  },
  (t) => [index("stripe_events_status_idx").on(t.status), index("stripe_events_created_idx").on(t.created)],
);

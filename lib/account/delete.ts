import { and, eq, inArray, isNotNull, notInArray, or } from "drizzle-orm";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";
import { reauthenticate } from "@/lib/auth/reauthenticate";
import { findUserById } from "@/lib/auth/users";
import { logger } from "@/lib/log/logger";
import { storage } from "@/lib/storage";
import { cancelStripeSubscription } from "./cancel-subscription";

/** Subscription statuses with nothing left to cancel at Stripe. */
const ENDED = ["canceled", "incomplete_expired"];

/**
 * GDPR erasure, after the password is re-entered. First cancels every live Stripe
 * subscription (outside the transaction: if Stripe fails, nothing is erased and the
 * user can retry). Then, in one transaction: deletes audits (pages, findings and
 * reports cascade) and their stored PDFs (also from S3 once committed), API and reset tokens, linked accounts and
 * sent emails; detaches and anonymises payments, invoices, subscriptions and
 * checkouts (kept for accounting); and erases the user row to a tombstone that can
 * never sign in. The email becomes free for a new account.
 */
export async function deleteAccount(userId: string, password: string, meta: RequestMeta = {}): Promise<void> {
  const user = await findUserById(userId);
  if (!user) throw new AppError("not_found", "No such user.");
  await reauthenticate(user, password, "password", meta);
  const live = await db()
    .select({ id: schema.subscriptions.id })
    .from(schema.subscriptions)
    .where(and(eq(schema.subscriptions.userId, userId), notInArray(schema.subscriptions.status, ENDED)));
  for (const sub of live) {
    try {
      await cancelStripeSubscription(sub.id);
    } catch (e) {
      throw new AppError(
        "unavailable",
        "We could not cancel your subscription with our payment provider. Nothing was deleted; please try again in a few minutes.",
        { cause: e },
      );
    }
  }

  const reportFiles = await db().transaction(async (tx) => {
    const s = schema;
    const now = new Date();
    const audits = await tx.select({ id: s.audits.id }).from(s.audits).where(eq(s.audits.userId, userId));
    const auditIds = audits.map((a) => a.id);
    let keys: string[] = [];
    if (auditIds.length) {
      const files = await tx
        .select({ key: s.reports.storageKey })
        .from(s.reports)
        .where(and(inArray(s.reports.auditId, auditIds), isNotNull(s.reports.storageKey)));
      keys = files.map((f) => f.key!);
      if (keys.length) await tx.delete(s.storedFiles).where(inArray(s.storedFiles.key, keys));
      await tx.delete(s.audits).where(inArray(s.audits.id, auditIds)); // pages, findings, reports cascade
    }
    await tx.delete(s.apiTokens).where(eq(s.apiTokens.userId, userId));
    await tx.delete(s.passwordResetTokens).where(eq(s.passwordResetTokens.userId, userId));
    await tx.delete(s.accounts).where(eq(s.accounts.userId, userId));
    await tx.delete(s.sessions).where(eq(s.sessions.userId, userId));
    await tx.delete(s.customers).where(eq(s.customers.userId, userId));
    await tx.delete(s.emailOutbox).where(or(eq(s.emailOutbox.userId, userId), eq(s.emailOutbox.to, user.email)));

    // Accounting keeps amounts, dates and Stripe ids; nothing that identifies the person.
    await tx
      .update(s.payments)
      .set({ userId: null, billingEmail: null, billingName: null, updatedAt: now })
      .where(eq(s.payments.userId, userId));
    await tx
      .update(s.invoices)
      .set({ userId: null, customerEmail: null, customerName: null })
      .where(eq(s.invoices.userId, userId));
    await tx
      .update(s.subscriptions)
      .set({ userId: null, updatedAt: now, ...(live.length ? { cancelAtPeriodEnd: false, canceledAt: now } : {}) })
      .where(eq(s.subscriptions.userId, userId));
    await tx
      .update(s.checkoutSessions)
      .set({ userId: null, auditRequest: { siteUrl: "", keywords: [], competitors: [] }, updatedAt: now })
      .where(eq(s.checkoutSessions.userId, userId));

    await tx
      .update(s.users)
      .set({
        email: `deleted-${userId}@deleted.invalid`,
        name: null,
        image: null,
        emailVerified: null,
        passwordHash: null,
        companyName: null,
        companyLogoUrl: null,
        role: "user",
        sessionVersion: user.sessionVersion + 1,
        deletedAt: now,
        updatedAt: now,
      })
      .where(eq(s.users.id, userId));
    await recordAuditLog(
      {
        actor: { id: userId },
        action: "account.deleted",
        target: { type: "user", id: userId },
        ...meta,
        details: { cancelledSubscriptions: live.map((l) => l.id), deletedAudits: auditIds.length },
      },
      tx,
    );
    return keys;
  });
  // Report PDFs in an S3 bucket are outside the transaction: remove them once the rows are gone.
  for (const key of reportFiles) {
    await storage()
      .delete(key)
      .catch((e: unknown) => logger.error({ err: e, key, userId }, "erasure: report file not deleted from storage"));
  }
}

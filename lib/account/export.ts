import { and, desc, eq, gte, inArray, or, sql, type SQL } from "drizzle-orm";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { findUserById } from "@/lib/auth/users";

export const EXPORT_FORMAT_VERSION = 1;

/**
 * GDPR access request: every piece of personal data we hold about the user, as
 * plain JSON. Secrets (password hash, token hashes, reset-token hashes) are
 * described, never exported. New tables holding user data must be added here.
 */
export async function exportAccountData(userId: string, meta: RequestMeta = {}) {
  const user = await findUserById(userId);
  if (!user) throw new AppError("not_found", "No such user.");
  const d = db();
  const s = schema;
  const [customers, subscriptions, checkoutSessions, payments, invoices, audits, resetTokens, oauthAccounts, emails] =
    await Promise.all([
      d.select().from(s.customers).where(eq(s.customers.userId, userId)),
      d
        .select()
        .from(s.subscriptions)
        .where(eq(s.subscriptions.userId, userId))
        .orderBy(desc(s.subscriptions.createdAt)),
      d
        .select()
        .from(s.checkoutSessions)
        .where(eq(s.checkoutSessions.userId, userId))
        .orderBy(desc(s.checkoutSessions.createdAt)),
      d.select().from(s.payments).where(eq(s.payments.userId, userId)).orderBy(desc(s.payments.createdAt)),
      d.select().from(s.invoices).where(eq(s.invoices.userId, userId)).orderBy(desc(s.invoices.createdAt)),
      d.select().from(s.audits).where(eq(s.audits.userId, userId)).orderBy(desc(s.audits.createdAt)),
      d
        .select({
          createdAt: s.passwordResetTokens.createdAt,
          expiresAt: s.passwordResetTokens.expiresAt,
          usedAt: s.passwordResetTokens.usedAt,
        })
        .from(s.passwordResetTokens)
        .where(eq(s.passwordResetTokens.userId, userId)),
      d
        .select({
          provider: s.accounts.provider,
          providerAccountId: s.accounts.providerAccountId,
          type: s.accounts.type,
        })
        .from(s.accounts)
        .where(eq(s.accounts.userId, userId)),
      d
        .select({
          to: s.emailOutbox.to,
          subject: s.emailOutbox.subject,
          template: s.emailOutbox.template,
          status: s.emailOutbox.status,
          createdAt: s.emailOutbox.createdAt,
          sentAt: s.emailOutbox.sentAt,
        })
        .from(s.emailOutbox)
        .where(or(eq(s.emailOutbox.userId, userId), eq(s.emailOutbox.to, user.email)))
        .orderBy(desc(s.emailOutbox.createdAt)),
    ]);
  const auditIds = audits.map((a) => a.id);
  const reports = auditIds.length
    ? await d
        .select({
          auditId: s.reports.auditId,
          status: s.reports.status,
          sizeBytes: s.reports.sizeBytes,
          createdAt: s.reports.createdAt,
          readyAt: s.reports.readyAt,
        })
        .from(s.reports)
        .where(inArray(s.reports.auditId, auditIds))
    : [];
  const apiTokens = await listApiTokens(userId, { includeRevoked: true });
  const owned = [payments, subscriptions, invoices, checkoutSessions, audits, apiTokens].flatMap((rows) =>
    rows.map((r) => r.id),
  );
  const auditLog = await auditLogAbout(user, owned);
  await recordAuditLog({
    actor: { id: user.id, email: user.email },
    action: "account.exported",
    target: { type: "user", id: user.id },
    ...meta,
  });
  return {
    format: "seo-health-report/account-export",
    version: EXPORT_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    profile: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      companyName: user.companyName,
      companyLogoUrl: user.companyLogoUrl,
      image: user.image,
      emailVerified: user.emailVerified,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      hasPassword: Boolean(user.passwordHash),
    },
    billing: { customers, subscriptions, checkoutSessions, payments, invoices },
    audits: audits.map((a) => ({ ...a, report: reports.find((r) => r.auditId === a.id) ?? null })),
    apiTokens,
    passwordResets: resetTokens,
    linkedAccounts: oauthAccounts,
    auditLog,
    emails,
  };
}

/**
 * Audit log entries about the user: what they did, what was done to their account
 * (role changes, resets), to things they own (an admin refunding their payment,
 * their tokens), and attempts against their email address while it was theirs
 * (blocked sign-ins name only the email). Another person's identity is left out.
 */
async function auditLogAbout(user: { id: string; email: string; createdAt: Date }, ownedIds: string[]) {
  const t = schema.auditLog;
  const about: SQL[] = [
    eq(t.actorId, user.id),
    and(eq(t.targetType, "user"), eq(t.targetId, user.id))!,
    and(sql`${t.details}->>'email' = ${user.email}`, gte(t.createdAt, user.createdAt))!,
  ];
  if (ownedIds.length) about.push(inArray(t.targetId, ownedIds));
  const rows = await db()
    .select()
    .from(t)
    .where(or(...about))
    .orderBy(desc(t.id));
  // Staff who acted on the account are not the subject's data: keep what was done, not who or from where.
  return rows.map((r) =>
    r.actorId && r.actorId !== user.id ? { ...r, actorId: null, actorEmail: null, ip: null, userAgent: null } : r,
  );
}

export type AccountExport = Awaited<ReturnType<typeof exportAccountData>>;

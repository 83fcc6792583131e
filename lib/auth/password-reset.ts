import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { db, schema } from "@/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";
import { deliverInBackground, sendEmail } from "@/lib/email/send-email";
import { passwordResetEmail } from "@/lib/email/templates/password-reset";
import { rateLimitStore } from "@/lib/rate-limit/limiter";
import { unlockEmail } from "./login-lockout";
import { normalizeEmail } from "./normalize-email";
import { hashPassword } from "./password-hash";
import { notifyPasswordChanged } from "./notify-password-changed";
import { assertPasswordPolicy } from "./password-policy";
import { bumpSessionVersion } from "./session-version";
import { findUserByEmail } from "./users";

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
// Per address per hour: enough for "I didn't get it", not enough to flood an inbox.
const MAX_RESET_EMAILS_PER_HOUR = 5;

/** The one answer to every reset request, whether or not the account exists. */
export const RESET_REQUESTED_MESSAGE =
  "If an account exists for that email, we sent a link to reset the password. It expires in 1 hour.";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Emails a single-use link when the account exists; silently does nothing otherwise. */
export async function requestPasswordReset(emailInput: string, meta: RequestMeta = {}): Promise<{ message: string }> {
  const email = normalizeEmail(emailInput);
  const sent = await rateLimitStore().increment("reset-email", email, 3600);
  const user = sent.count <= MAX_RESET_EMAILS_PER_HOUR ? await findUserByEmail(email) : null;
  if (user) {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + RESET_TOKEN_TTL_MS);
    const email = await db().transaction(async (tx) => {
      await tx.insert(schema.passwordResetTokens).values({ userId: user.id, tokenHash: sha256(token), expiresAt });
      await recordAuditLog(
        { actor: null, action: "auth.password_reset_requested", target: { type: "user", id: user.id }, ...meta },
        tx,
      );
      return sendEmail({
        to: user.email,
        template: passwordResetEmail,
        props: {
          name: user.name,
          resetUrl: `${env().APP_URL}/reset-password?token=${encodeURIComponent(token)}`,
          expiresInMinutes: RESET_TOKEN_TTL_MS / 60_000,
        },
        userId: user.id,
        tx,
      });
    });
    // Not awaited: an SMTP round trip only for existing accounts would tell, by timing, which emails have one.
    if (email.id) deliverInBackground(email.id);
  }
  return { message: RESET_REQUESTED_MESSAGE };
}

/**
 * Sets a new password from a reset link. The token is claimed atomically (single
 * use), every other outstanding link dies with it, and every session is revoked.
 */
export async function confirmPasswordReset(token: string, newPassword: string, meta: RequestMeta = {}): Promise<void> {
  const invalid = () =>
    new AppError("bad_request", "This reset link is invalid, was already used or has expired. Request a new one.", {
      details: { field: "token" },
    });
  const [pending] = await db()
    .select({ userId: schema.passwordResetTokens.userId, email: schema.users.email })
    .from(schema.passwordResetTokens)
    .innerJoin(schema.users, eq(schema.users.id, schema.passwordResetTokens.userId))
    .where(eq(schema.passwordResetTokens.tokenHash, sha256(token)));
  if (!pending) throw invalid();
  // Validate the password before claiming the token, so a weak choice does not burn the link.
  assertPasswordPolicy(newPassword, "password", { email: pending.email });
  const passwordHash = await hashPassword(newPassword);
  const user = await db().transaction(async (tx) => {
    const now = new Date();
    const [claimed] = await tx
      .update(schema.passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(schema.passwordResetTokens.tokenHash, sha256(token)),
          isNull(schema.passwordResetTokens.usedAt),
          gt(schema.passwordResetTokens.expiresAt, now),
        ),
      )
      .returning({ userId: schema.passwordResetTokens.userId });
    if (!claimed) throw invalid();
    const [u] = await tx
      .update(schema.users)
      .set({ passwordHash, updatedAt: now })
      .where(and(eq(schema.users.id, claimed.userId), isNull(schema.users.deletedAt)))
      .returning();
    if (!u) throw invalid();
    await tx
      .update(schema.passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(schema.passwordResetTokens.userId, u.id), isNull(schema.passwordResetTokens.usedAt)));
    await bumpSessionVersion(u.id, tx);
    await recordAuditLog(
      {
        actor: { id: u.id, email: u.email },
        action: "auth.password_reset",
        target: { type: "user", id: u.id },
        ...meta,
      },
      tx,
    );
    return u;
  });
  await unlockEmail(user.email);
  await notifyPasswordChanged(user, "reset");
}

import { AppError } from "@/lib/errors";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";
import { promoteIfBootstrapAdmin } from "./admin-bootstrap";
import { assertNotLocked, recordFailure, recordSuccess, throttleAttempt } from "./login-lockout";
import { normalizeEmail } from "./normalize-email";
import { verifyPassword } from "./password-hash";
import { findUserByEmail, type UserRow } from "./users";

/** One message for unknown email and wrong password alike. */
export const INVALID_CREDENTIALS = "Email or password is incorrect.";

/**
 * Checks an email/password pair for browser sign-in and `POST /api/auth/token`.
 * Unknown emails hash a dummy password, count towards lockout and get the same
 * error, so neither the answer nor its timing tells whether the account exists.
 */
export async function verifyCredentials(
  input: { email: string; password: string },
  meta: RequestMeta & { via: "browser" | "api" },
): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  const keys = { email, ip: meta.ip ?? "unknown" };
  const logMeta = { ip: meta.ip, userAgent: meta.userAgent };
  try {
    await assertNotLocked(keys);
  } catch (e) {
    await recordAuditLog({
      actor: null,
      action: "auth.sign_in_blocked",
      ...logMeta,
      details: { email, via: meta.via },
    });
    throw e;
  }
  await throttleAttempt(keys);
  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok) {
    const lockedNow = await recordFailure(keys);
    await recordAuditLog({
      actor: user ? { id: user.id, email: user.email } : null,
      action: "auth.sign_in_failed",
      target: user ? { type: "user", id: user.id } : null,
      ...logMeta,
      details: {
        email,
        via: meta.via,
        reason: user ? "wrong_password" : "unknown_email",
        ...(lockedNow ? { locked: true } : {}),
      },
    });
    throw new AppError("unauthorized", INVALID_CREDENTIALS);
  }
  await recordSuccess(keys);
  const current = await promoteIfBootstrapAdmin(user, logMeta);
  await recordAuditLog({
    actor: { id: current.id, email: current.email },
    action: "auth.sign_in",
    target: { type: "user", id: current.id },
    ...logMeta,
    details: { via: meta.via },
  });
  return current;
}

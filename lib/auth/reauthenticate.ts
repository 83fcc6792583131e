import { AppError } from "@/lib/errors";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";
import { assertNotLocked, recordFailure } from "./login-lockout";
import { verifyPassword } from "./password-hash";
import type { UserRow } from "./users";

/**
 * Re-entered password for sensitive actions (change password, delete account).
 * Wrong guesses count towards the same lockout as sign-in, so a stolen session
 * cannot be used to brute-force the password.
 */
export async function reauthenticate(user: UserRow, password: string, field: string, meta: RequestMeta = {}) {
  const keys = { email: user.email, ip: meta.ip ?? "unknown" };
  await assertNotLocked(keys);
  if (await verifyPassword(user.passwordHash, password)) return;
  await recordFailure(keys);
  await recordAuditLog({
    actor: { id: user.id, email: user.email },
    action: "auth.reauth_failed",
    target: { type: "user", id: user.id },
    ...meta,
    details: { field },
  });
  throw new AppError("bad_request", `${field}: The password is not correct.`, { details: { field } });
}

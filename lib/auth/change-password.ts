import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";
import { hashPassword } from "./password-hash";
import { notifyPasswordChanged } from "./notify-password-changed";
import { reauthenticate } from "./reauthenticate";
import { assertPasswordPolicy } from "./password-policy";
import { bumpSessionVersion } from "./session-version";
import { findUserById, type UserRow } from "./users";

/**
 * Changes the password after checking the current one. Every existing session is
 * revoked; the route hands the caller a fresh session cookie so only they stay signed in.
 */
export async function changePassword(
  userId: string,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta = {},
): Promise<UserRow> {
  const user = await findUserById(userId);
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  await reauthenticate(user, input.currentPassword, "currentPassword", meta);
  assertPasswordPolicy(input.newPassword, "newPassword", { email: user.email });
  if (input.newPassword === input.currentPassword) {
    throw new AppError("bad_request", "newPassword: Choose a password different from the current one.", {
      details: { field: "newPassword" },
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const updated = await db().transaction(async (tx) => {
    await tx.update(schema.users).set({ passwordHash, updatedAt: new Date() }).where(eq(schema.users.id, user.id));
    const sessionVersion = await bumpSessionVersion(user.id, tx);
    await recordAuditLog(
      {
        actor: { id: user.id, email: user.email },
        action: "auth.password_changed",
        target: { type: "user", id: user.id },
        ...meta,
      },
      tx,
    );
    return { ...user, passwordHash, sessionVersion };
  });
  await notifyPasswordChanged(user, "changed");
  return updated;
}

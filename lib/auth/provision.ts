import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import { recordAuditLog } from "@/lib/audit-log/record";
import { normalizeEmail } from "./normalize-email";
import { hashPassword } from "./password-hash";
import { passwordProblem } from "./password-policy";
import { findUserByEmail, type Role, type UserRow } from "./users";

/** A random password that passes the policy, for accounts created by scripts. */
export function generatePassword(): string {
  for (;;) {
    const p = randomBytes(15).toString("base64url"); // 20 characters, ~120 bits
    if (!passwordProblem(p)) return p;
  }
}

export type ProvisionResult = { user: UserRow; created: boolean; promoted: boolean; password: string | null };

/**
 * Makes sure an account exists with at least `role` (used by `npm run admin:create`
 * and `npm run db:seed`). Creates it with a generated password (returned once,
 * never stored in clear) or promotes the existing one; never changes an existing password.
 */
export async function provisionAccount(input: {
  email: string;
  name?: string;
  role: Role;
  reason: string;
}): Promise<ProvisionResult> {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new AppError("bad_request", `Not an email address: ${input.email}`);
  const existing = await findUserByEmail(email);
  if (existing) {
    if (input.role !== "admin" || existing.role === "admin")
      return { user: existing, created: false, promoted: false, password: null };
    const [user] = await db().transaction(async (tx) => {
      const rows = await tx
        .update(schema.users)
        .set({ role: "admin", updatedAt: new Date() })
        .where(eq(schema.users.id, existing.id))
        .returning();
      await recordAuditLog(
        {
          actor: null,
          action: "user.role_changed",
          target: { type: "user", id: existing.id },
          details: { from: existing.role, to: "admin", reason: input.reason },
        },
        tx,
      );
      return rows;
    });
    return { user: user!, created: false, promoted: true, password: null };
  }
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.users)
      .values({ email, name: input.name ?? null, passwordHash, role: input.role })
      .returning();
    await recordAuditLog(
      {
        actor: null,
        action: "auth.registered",
        target: { type: "user", id: row!.id },
        details: { role: input.role, reason: input.reason },
      },
      tx,
    );
    return row!;
  });
  return { user, created: true, promoted: false, password };
}

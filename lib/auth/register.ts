import { db, schema } from "@/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";
import { sendEmail } from "@/lib/email/send-email";
import { welcomeEmail } from "@/lib/email/templates/welcome";
import { isBootstrapAdmin } from "./admin-bootstrap";
import { createApiToken } from "./api-tokens";
import { normalizeEmail } from "./normalize-email";
import { hashPassword } from "./password-hash";
import { assertPasswordPolicy } from "./password-policy";
import { findUserByEmail, type UserRow } from "./users";

export type RegisterInput = { email: string; password: string; name: string };

/**
 * Creates the account (admin when listed in ADMIN_EMAILS) and a first API token,
 * returned in plain text once. Duplicate email → 409. The caller signs the browser in.
 */
export async function registerUser(
  input: RegisterInput,
  meta: RequestMeta = {},
): Promise<{ user: UserRow; token: string }> {
  const email = normalizeEmail(input.email);
  assertPasswordPolicy(input.password, "password", { email });
  if (await findUserByEmail(email)) throw duplicate();
  const passwordHash = await hashPassword(input.password);
  const result = await db().transaction(async (tx) => {
    const [user] = await tx
      .insert(schema.users)
      .values({ email, name: input.name.trim(), passwordHash, role: isBootstrapAdmin(email) ? "admin" : "user" })
      .onConflictDoNothing({ target: schema.users.email })
      .returning();
    if (!user) throw duplicate(); // lost a race with a concurrent sign-up
    await recordAuditLog(
      {
        actor: user,
        action: "auth.registered",
        target: { type: "user", id: user.id },
        ...meta,
        details: user.role === "admin" ? { role: "admin", reason: "ADMIN_EMAILS" } : {},
      },
      tx,
    );
    const { token } = await createApiToken(user, "Created at sign-up", meta, tx);
    return { user, token };
  });
  await sendEmail({
    to: result.user.email,
    template: welcomeEmail,
    props: { name: result.user.name, dashboardUrl: `${env().APP_URL}/dashboard` },
    dedupeKey: `welcome:${result.user.id}`,
    userId: result.user.id,
  });
  return result;
}

function duplicate() {
  return new AppError("conflict", "An account with this email already exists. Sign in instead.", {
    details: { field: "email" },
  });
}

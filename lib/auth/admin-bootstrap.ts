import { and, eq } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { env } from "@/lib/env";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";
import { normalizeEmail } from "./normalize-email";
import type { UserRow } from "./users";

/** ADMIN_EMAILS: comma- or space-separated, case-insensitive. */
export function bootstrapAdminEmails(): Set<string> {
  return new Set(
    env()
      .ADMIN_EMAILS.split(/[\s,;]+/)
      .map((e) => normalizeEmail(e))
      .filter(Boolean),
  );
}

export function isBootstrapAdmin(email: string): boolean {
  return bootstrapAdminEmails().has(normalizeEmail(email));
}

/**
 * Promotes a user listed in ADMIN_EMAILS (called on sign-up and every sign-in).
 * Removing an address from the list demotes nobody: that is a deliberate role change.
 */
export async function promoteIfBootstrapAdmin(user: UserRow, meta: RequestMeta = {}, tx?: Tx): Promise<UserRow> {
  if (user.role === "admin" || !isBootstrapAdmin(user.email)) return user;
  const [updated] = await (tx ?? db())
    .update(schema.users)
    .set({ role: "admin", updatedAt: new Date() })
    .where(and(eq(schema.users.id, user.id), eq(schema.users.role, "user")))
    .returning();
  if (!updated) return user;
  await recordAuditLog(
    {
      actor: null,
      action: "user.role_changed",
      target: { type: "user", id: user.id },
      ...meta,
      details: { from: "user", to: "admin", reason: "ADMIN_EMAILS" },
    },
    tx,
  );
  return updated;
}

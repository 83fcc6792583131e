import { eq, sql } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";

/**
 * Revokes every session JWT issued so far: getRequestUser/currentUser compare the
 * token's `sv` claim with users.session_version on every request.
 */
export async function bumpSessionVersion(userId: string, tx?: Tx): Promise<number> {
  const [row] = await (tx ?? db())
    .update(schema.users)
    .set({ sessionVersion: sql`${schema.users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(schema.users.id, userId))
    .returning({ sessionVersion: schema.users.sessionVersion });
  return row?.sessionVersion ?? 0;
}

/** "Sign out everywhere": every browser session of the user ends (API tokens are revoked separately). */
export async function signOutEverywhere(user: { id: string; email: string }, meta: RequestMeta = {}): Promise<void> {
  await db().transaction(async (tx) => {
    await bumpSessionVersion(user.id, tx);
    await recordAuditLog(
      { actor: user, action: "auth.sign_out_everywhere", target: { type: "user", id: user.id }, ...meta },
      tx,
    );
  });
}

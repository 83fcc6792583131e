import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";
import { findUserById, toPublicUser, type PublicUser, type Role } from "./users";

/**
 * An admin sets another user's role. Takes effect on the user's next request:
 * the role is read from the database per request, never trusted from the JWT.
 */
export async function changeRole(
  actor: { id: string; email: string },
  userId: string,
  role: Role,
  meta: RequestMeta = {},
): Promise<PublicUser> {
  if (userId === actor.id) {
    throw new AppError("conflict", "You cannot change your own role. Ask another administrator.");
  }
  return db().transaction(async (tx) => {
    const user = await findUserById(userId, tx);
    if (!user) throw new AppError("not_found", "No such user.");
    if (user.role === role) return toPublicUser(user);
    const [updated] = await tx
      .update(schema.users)
      .set({ role, updatedAt: new Date() })
      .where(eq(schema.users.id, userId))
      .returning();
    await recordAuditLog(
      {
        actor,
        action: "user.role_changed",
        target: { type: "user", id: userId },
        ...meta,
        details: { from: user.role, to: role, email: user.email },
      },
      tx,
    );
    return toPublicUser(updated!);
  });
}

import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import { findUserById, toPublicUser, type PublicUser } from "@/lib/auth/users";

export async function getProfile(userId: string): Promise<PublicUser> {
  const user = await findUserById(userId);
  if (!user) throw new AppError("not_found", "No such user.");
  return toPublicUser(user);
}

/** Name and company shown on reports; the email is the sign-in identity and changes elsewhere. */
export async function updateProfile(
  userId: string,
  input: { name?: string; companyName?: string | null },
): Promise<PublicUser> {
  const [row] = await db()
    .update(schema.users)
    .set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.companyName !== undefined ? { companyName: input.companyName?.trim() || null } : {}),
      updatedAt: new Date(),
    })
    .where(eq(schema.users.id, userId))
    .returning();
  if (!row) throw new AppError("not_found", "No such user.");
  return toPublicUser(row);
}

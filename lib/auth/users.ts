import { and, eq, isNull } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { normalizeEmail } from "./normalize-email";

export type UserRow = typeof schema.users.$inferSelect;
export type Role = UserRow["role"];

/** What the API shows of a user: never the hash, the session version or erased rows. */
export type PublicUser = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  companyName: string | null;
  createdAt: string;
};

export function toPublicUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    companyName: u.companyName,
    createdAt: u.createdAt.toISOString(),
  };
}

/** A live (not erased) account by email. */
export async function findUserByEmail(email: string, tx?: Tx): Promise<UserRow | null> {
  const [u] = await (tx ?? db())
    .select()
    .from(schema.users)
    .where(and(eq(schema.users.email, normalizeEmail(email)), isNull(schema.users.deletedAt)));
  return u ?? null;
}

/** A live (not erased) account by id. */
export async function findUserById(id: string, tx?: Tx): Promise<UserRow | null> {
  const [u] = await (tx ?? db())
    .select()
    .from(schema.users)
    .where(and(eq(schema.users.id, id), isNull(schema.users.deletedAt)));
  return u ?? null;
}

import { createHash, randomBytes } from "node:crypto";
import { and, count, desc, eq, isNull, lt, or } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { AppError } from "@/lib/errors";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";

export const TOKEN_PREFIX = "shr_";
const MAX_ACTIVE_TOKENS = 50;
// Recording every use would turn each API read into a write; a minute of precision is plenty.
const LAST_USED_PRECISION_MS = 60_000;

export type ApiTokenInfo = {
  id: string;
  name: string;
  /** First characters of the token, to tell tokens apart in lists. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

type TokenRow = typeof schema.apiTokens.$inferSelect;

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function toInfo(r: TokenRow): ApiTokenInfo {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a token; the plain value is returned here once and never stored. */
export async function createApiToken(
  user: { id: string; email: string },
  name: string,
  meta: RequestMeta = {},
  tx?: Tx,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const run = async (t: Tx) => {
    const [active] = await t
      .select({ n: count() })
      .from(schema.apiTokens)
      .where(and(eq(schema.apiTokens.userId, user.id), isNull(schema.apiTokens.revokedAt)));
    if ((active?.n ?? 0) >= MAX_ACTIVE_TOKENS) {
      throw new AppError(
        "conflict",
        `You have ${MAX_ACTIVE_TOKENS} active tokens. Revoke one before creating another.`,
      );
    }
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const [row] = await t
      .insert(schema.apiTokens)
      .values({ userId: user.id, name: name.trim(), prefix: token.slice(0, 12), tokenHash: hashApiToken(token) })
      .returning();
    await recordAuditLog(
      {
        actor: user,
        action: "token.created",
        target: { type: "api_token", id: row!.id },
        ...meta,
        details: { name: row!.name, prefix: row!.prefix },
      },
      t,
    );
    return { token, info: toInfo(row!) };
  };
  return tx ? run(tx) : db().transaction(run);
}

export async function listApiTokens(userId: string, opts: { includeRevoked?: boolean } = {}): Promise<ApiTokenInfo[]> {
  const rows = await db()
    .select()
    .from(schema.apiTokens)
    .where(
      opts.includeRevoked
        ? eq(schema.apiTokens.userId, userId)
        : and(eq(schema.apiTokens.userId, userId), isNull(schema.apiTokens.revokedAt)),
    )
    .orderBy(desc(schema.apiTokens.createdAt));
  return rows.map(toInfo);
}

/** Revokes one of the user's own tokens; someone else's id is a 404, like a missing one. */
export async function revokeApiToken(user: { id: string; email: string }, tokenId: string, meta: RequestMeta = {}) {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(schema.apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(schema.apiTokens.id, tokenId), eq(schema.apiTokens.userId, user.id), isNull(schema.apiTokens.revokedAt)),
      )
      .returning();
    if (!row) throw new AppError("not_found", "No such active token.");
    await recordAuditLog(
      {
        actor: user,
        action: "token.revoked",
        target: { type: "api_token", id: row.id },
        ...meta,
        details: { name: row.name, prefix: row.prefix },
      },
      tx,
    );
    return toInfo(row);
  });
}

/** The user id behind a presented token, or null for unknown/revoked ones. Records the last use. */
export async function resolveApiToken(token: string): Promise<{ userId: string; tokenId: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db()
    .select({ id: schema.apiTokens.id, userId: schema.apiTokens.userId, revokedAt: schema.apiTokens.revokedAt })
    .from(schema.apiTokens)
    .where(eq(schema.apiTokens.tokenHash, hashApiToken(token)));
  if (!row || row.revokedAt) return null;
  await db()
    .update(schema.apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(schema.apiTokens.id, row.id),
        or(
          isNull(schema.apiTokens.lastUsedAt),
          lt(schema.apiTokens.lastUsedAt, new Date(Date.now() - LAST_USED_PRECISION_MS)),
        ),
      ),
    );
  return { userId: row.userId, tokenId: row.id };
}

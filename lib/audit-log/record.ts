import { and, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";

export type AuditActor = { id: string; email?: string | null } | null;
export type AuditTarget = { type: string; id: string } | null;

export type AuditEntry = {
  /** Who did it; null for the system or an anonymous caller (failed sign-in with an unknown email). */
  actor: AuditActor;
  /** Dotted verb, e.g. `auth.sign_in`, `token.created`, `user.role_changed`, `admin.audit.cancelled`. */
  action: string;
  target?: AuditTarget;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
};

/** Context most callers have at hand: the route wrapper's `ip` and `userAgent`. */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/**
 * Appends one row to the audit log. Append-only by contract: nothing in the app
 * updates or deletes audit_log rows. Pass `tx` to commit the entry with the change it describes.
 */
export async function recordAuditLog(entry: AuditEntry, tx?: Tx): Promise<void> {
  await (tx ?? db()).insert(schema.auditLog).values({
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent ? entry.userAgent.slice(0, 512) : null,
    details: entry.details ?? {},
  });
}

export type AuditLogFilter = {
  /** Exact action, or a prefix ending in "." (`auth.`). */
  action?: string;
  /** Actor id, or part of the actor's email. */
  actor?: string;
  /** Entries about this target id (a user id, token id…). */
  targetId?: string;
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  /** Keyset pagination: entries with a smaller id. */
  before?: number;
  limit?: number;
};

export type AuditLogRow = typeof schema.auditLog.$inferSelect;

/** Newest first. Returns `nextBefore` when more rows are available. */
export async function queryAuditLog(
  filter: AuditLogFilter = {},
): Promise<{ entries: AuditLogRow[]; nextBefore: number | null }> {
  const t = schema.auditLog;
  const where: SQL[] = [];
  if (filter.action) {
    where.push(
      filter.action.endsWith(".") ? ilike(t.action, `${escapeLike(filter.action)}%`) : eq(t.action, filter.action),
    );
  }
  if (filter.actor) {
    where.push(or(eq(t.actorId, filter.actor), ilike(t.actorEmail, `%${escapeLike(filter.actor)}%`))!);
  }
  if (filter.targetId) where.push(eq(t.targetId, filter.targetId));
  if (filter.from) where.push(gte(t.createdAt, filter.from));
  if (filter.to) where.push(lt(t.createdAt, filter.to));
  if (filter.before) where.push(lt(t.id, filter.before));
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const rows = await db()
    .select()
    .from(t)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(t.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1]!.id : null };
}

/** Distinct actions seen so far, for the admin filter drop-down. */
export async function listAuditActions(): Promise<string[]> {
  const rows = await db()
    .selectDistinct({ action: schema.auditLog.action })
    .from(schema.auditLog)
    .orderBy(schema.auditLog.action);
  return rows.map((r) => r.action);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

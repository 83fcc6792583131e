import type { NextRequest } from "next/server";
import { expect } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { POST as registerRoute } from "@/app/api/auth/register/route";
import { POST as tokenRoute } from "@/app/api/auth/token/route";
import { setRateLimitStore } from "@/lib/rate-limit/limiter";
import { createMemoryLimiter } from "@/lib/rate-limit/memory-limiter";
import { resetEnvCache } from "@/lib/env";
import { resetDb } from "../db";
import { request } from "../http";

export const GOOD_PASSWORD = "Tangerine-Kite-42";

/**
 * Fresh database, rate-limit store and env cache for every test. Always an
 * in-process store, so lockout counters never leak between tests even when the
 * run is configured for Upstash (lib/rate-limit/counter.test.ts covers that store).
 */
export async function resetAll() {
  await resetDb();
  setRateLimitStore(createMemoryLimiter());
  resetEnvCache();
}

/** `name=value` of the session cookie a response set (empty value = cleared). */
export function sessionCookie(res: Response): string | null {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    if (pair!.includes("authjs.session-token")) return pair!;
  }
  return null;
}

export function cookieHeader(cookie: string) {
  return { cookie };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

export type Registered = { id: string; email: string; token: string; cookie: string; password: string };

export async function registerUser(
  email = "ann@example.com",
  password = GOOD_PASSWORD,
  name = "Ann Example",
): Promise<Registered> {
  const res = await registerRoute(request("/api/auth/register", { body: { email, password, name } }));
  expect(res.status).toBe(201);
  const body = await res.json();
  return { id: body.user.id, email: body.user.email, token: body.token, cookie: sessionCookie(res)!, password };
}

export async function makeAdmin(userId: string) {
  await db().update(schema.users).set({ role: "admin" }).where(eq(schema.users.id, userId));
}

export async function tokenFor(email: string, password: string, ip = "203.0.113.9") {
  return tokenRoute(request("/api/auth/token", { body: { email, password }, headers: { "x-forwarded-for": ip } }));
}

export async function outbox(to?: string) {
  const rows = await db().select().from(schema.emailOutbox).orderBy(schema.emailOutbox.createdAt);
  return to ? rows.filter((r) => r.to === to) : rows;
}

export async function auditActions(): Promise<string[]> {
  const rows = await db().select().from(schema.auditLog).orderBy(schema.auditLog.id);
  return rows.map((r) => r.action);
}

export type Handler = (req: NextRequest, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

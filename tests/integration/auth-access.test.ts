import { beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { db, schema } from "@/db";
import { GET as accountGet } from "@/app/api/account/route";
import { POST as signOutEverywhere } from "@/app/api/account/sign-out-everywhere/route";
import { GET as tokensGet, POST as tokensPost } from "@/app/api/account/tokens/route";
import { DELETE as tokenDelete } from "@/app/api/account/tokens/[id]/route";
import { PATCH as rolePatch } from "@/app/api/admin/users/[id]/role/route";
import { GET as auditLogGet } from "@/app/api/admin/audit-log/route";
import { encodeSession } from "@/lib/auth/session-cookie";
import { proxy } from "@/proxy";
import { params, request } from "../http";
import { auditActions, bearer, makeAdmin, registerUser, resetAll } from "./accounts.helpers";

const me = (headers: Record<string, string>) => accountGet(request("/api/account", { headers }));
const setRole = (id: string, role: string, headers: Record<string, string>) =>
  rolePatch(request(`/api/admin/users/${id}/role`, { method: "PATCH", body: { role }, headers }), params({ id }));
const auditLog = (headers: Record<string, string>, qs = "") =>
  auditLogGet(request(`/api/admin/audit-log${qs}`, { headers }));

describe("API tokens", () => {
  beforeEach(resetAll);

  it("create shows the token once, Bearer works on /api routes, last use is recorded, revoke ends it", async () => {
    const ann = await registerUser();
    const created = await tokensPost(
      request("/api/account/tokens", { body: { name: "CI script" }, headers: { cookie: ann.cookie } }),
    );
    expect(created.status).toBe(201);
    const { token, tokenInfo } = await created.json();
    expect(token).toMatch(/^shr_/);
    expect(tokenInfo).toMatchObject({ name: "CI script", prefix: token.slice(0, 12), lastUsedAt: null });

    const stored = await db().select().from(schema.apiTokens).where(eq(schema.apiTokens.id, tokenInfo.id));
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await me(bearer(token))).status).toBe(200);
    const list = await (await tokensGet(request("/api/account/tokens", { headers: bearer(token) }))).json();
    expect(list.tokens.map((t: { name: string }) => t.name).sort()).toEqual(["CI script", "Created at sign-up"]);
    expect(JSON.stringify(list)).not.toContain(token); // listed, never shown again
    expect(list.tokens.find((t: { id: string }) => t.id === tokenInfo.id).lastUsedAt).not.toBeNull();

    const revoked = await tokenDelete(
      request(`/api/account/tokens/${tokenInfo.id}`, { method: "DELETE", headers: { cookie: ann.cookie } }),
      params({ id: tokenInfo.id }),
    );
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).tokenInfo.revokedAt).not.toBeNull();
    expect((await me(bearer(token))).status).toBe(401);
    expect(await auditActions()).toEqual(expect.arrayContaining(["token.created", "token.revoked"]));
  });

  it("someone else's token id is a 404 and stays active", async () => {
    const ann = await registerUser("ann@example.com");
    const bo = await registerUser("bo@example.com");
    const [annToken] = await db().select().from(schema.apiTokens).where(eq(schema.apiTokens.userId, ann.id));
    const res = await tokenDelete(
      request(`/api/account/tokens/${annToken!.id}`, { method: "DELETE", headers: bearer(bo.token) }),
      params({ id: annToken!.id }),
    );
    expect(res.status).toBe(404);
    expect((await me(bearer(ann.token))).status).toBe(200);
  });

  it("an unknown or malformed Bearer token is a 401 and never falls back to the cookie", async () => {
    const ann = await registerUser();
    expect((await me(bearer("shr_not-a-real-token"))).status).toBe(401);
    expect((await me({ authorization: "Basic abc" })).status).toBe(401);
    expect((await me({ ...bearer("shr_nope"), cookie: ann.cookie })).status).toBe(401);
    const res = await me({});
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect((await res.json()).error.code).toBe("unauthorized");
  });
});

describe("sessions", () => {
  beforeEach(resetAll);

  it("sign out everywhere invalidates every JWT issued before, and clears the cookie", async () => {
    const ann = await registerUser();
    expect((await me({ cookie: ann.cookie })).status).toBe(200);
    const res = await signOutEverywhere(
      request("/api/account/sign-out-everywhere", { method: "POST", headers: { cookie: ann.cookie } }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="))).toMatch(/Max-Age=0/);
    expect((await me({ cookie: ann.cookie })).status).toBe(401);
    // API tokens are separate credentials, revoked one by one.
    expect((await me(bearer(ann.token))).status).toBe(200);
    expect(await auditActions()).toContain("auth.sign_out_everywhere");
  });

  it("rejects tampered, foreign-secret and expired session cookies", async () => {
    const ann = await registerUser();
    const [name, value] = ann.cookie.split("=") as [string, string];
    expect((await me({ cookie: `${name}=${value.slice(0, -4)}AAAA` })).status).toBe(401);
    const expired = await encodeSession({ sub: ann.id, role: "user", sv: 1 }, name, -60);
    expect((await me({ cookie: `${name}=${expired}` })).status).toBe(401);
    const valid = await encodeSession({ sub: ann.id, role: "user", sv: 1 }, name, 60);
    expect((await me({ cookie: `${name}=${valid}` })).status).toBe(200);
    const wrongSalt = await encodeSession({ sub: ann.id, role: "user", sv: 1 }, "other-cookie", 60);
    expect((await me({ cookie: `${name}=${wrongSalt}` })).status).toBe(401);
  });

  it("refuses a cookie-authenticated write from another origin", async () => {
    const ann = await registerUser();
    const res = await tokensPost(
      request("/api/account/tokens", {
        body: { name: "x" },
        headers: { cookie: ann.cookie, origin: "https://evil.example" },
      }),
    );
    expect(res.status).toBe(401);
    const ok = await tokensPost(
      request("/api/account/tokens", {
        body: { name: "x" },
        headers: { cookie: ann.cookie, origin: "http://localhost:3000" },
      }),
    );
    expect(ok.status).toBe(201);
  });
});

describe("roles", () => {
  beforeEach(resetAll);

  it("anonymous → 401, user → 403, admin → 200 on admin APIs", async () => {
    const ann = await registerUser("ann@example.com");
    const root = await registerUser("root@example.com");
    await makeAdmin(root.id);
    expect((await auditLog({})).status).toBe(401);
    const forbidden = await auditLog(bearer(ann.token));
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe("forbidden");
    expect((await setRole(root.id, "user", bearer(ann.token))).status).toBe(403);
    expect((await auditLog(bearer(root.token))).status).toBe(200);
  });

  it("a role change takes effect on the next request, with the same session cookie", async () => {
    const ann = await registerUser("ann@example.com");
    const root = await registerUser("root@example.com");
    await makeAdmin(root.id);
    expect((await auditLog({ cookie: ann.cookie })).status).toBe(403);

    const promoted = await setRole(ann.id, "admin", { cookie: root.cookie });
    expect(promoted.status).toBe(200);
    expect((await promoted.json()).user).toMatchObject({ id: ann.id, role: "admin" });
    expect((await auditLog({ cookie: ann.cookie })).status).toBe(200); // JWT still says "user"

    expect((await setRole(ann.id, "user", bearer(root.token))).status).toBe(200);
    expect((await auditLog({ cookie: ann.cookie })).status).toBe(403);
    expect((await auditLog(bearer(ann.token))).status).toBe(403);

    const log = await (await auditLog(bearer(root.token), "?action=user.role_changed")).json();
    expect(log.entries.map((e: { details: { to: string } }) => e.details.to)).toEqual(["user", "admin"]);
    expect(log.entries[0]).toMatchObject({ actorId: root.id, targetId: ann.id });
  });

  it("a JWT claiming admin does not make a user admin", async () => {
    const ann = await registerUser();
    const forged = await encodeSession({ sub: ann.id, role: "admin", sv: 1 }, "authjs.session-token", 60);
    expect((await auditLog({ cookie: `authjs.session-token=${forged}` })).status).toBe(403);
  });

  it("admins cannot change their own role; unknown users are 404; bad roles 400", async () => {
    const root = await registerUser("root@example.com");
    await makeAdmin(root.id);
    expect((await setRole(root.id, "user", bearer(root.token))).status).toBe(409);
    expect((await setRole("00000000-0000-0000-0000-000000000000", "admin", bearer(root.token))).status).toBe(404);
    const bad = await setRole(root.id, "owner", bearer(root.token));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe("role");
  });
});

describe("admin audit log API filters", () => {
  beforeEach(resetAll);

  it("filters by action prefix, actor email and date range, newest first", async () => {
    const root = await registerUser("root@example.com");
    await makeAdmin(root.id);
    await registerUser("ann@example.com");
    const all = await (await auditLog(bearer(root.token))).json();
    expect(all.entries.length).toBeGreaterThanOrEqual(4);
    expect(all.entries[0].id).toBeGreaterThan(all.entries[1].id);

    const registered = await (await auditLog(bearer(root.token), "?action=auth.registered")).json();
    expect(registered.entries.map((e: { actorEmail: string }) => e.actorEmail)).toEqual([
      "ann@example.com",
      "root@example.com",
    ]);
    const tokens = await (await auditLog(bearer(root.token), "?action=token.")).json();
    expect(tokens.entries.every((e: { action: string }) => e.action.startsWith("token."))).toBe(true);
    const byAnn = await (await auditLog(bearer(root.token), "?actor=ann@")).json();
    expect(byAnn.entries.every((e: { actorEmail: string }) => e.actorEmail === "ann@example.com")).toBe(true);
    const future = await (await auditLog(bearer(root.token), "?from=2999-01-01")).json();
    expect(future.entries).toEqual([]);
    const page = await (await auditLog(bearer(root.token), "?limit=2")).json();
    expect(page.entries).toHaveLength(2);
    const next = await (await auditLog(bearer(root.token), `?limit=2&before=${page.nextBefore}`)).json();
    expect(next.entries[0].id).toBeLessThan(page.entries[1].id);
    const bad = await auditLog(bearer(root.token), "?from=yesterday-ish");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe("from");
    for (const qs of ["?before=1e30", "?from=99999-01-01", "?targetId=" + "x".repeat(101)]) {
      const res = await auditLog(bearer(root.token), qs);
      expect(res.status, qs).toBe(400);
    }
  });
});

describe("proxy (route protection)", () => {
  beforeEach(resetAll);
  const req = (path: string, headers: Record<string, string> = {}) =>
    new NextRequest(new URL(path, "http://localhost:3000"), { headers });

  it("redirects anonymous visitors of /dashboard and /settings to sign-in, preserving the destination", async () => {
    const res = await proxy(req("/dashboard/audits/42?tab=pages"));
    expect(res.status).toBe(307);
    const loc = new URL(res.headers.get("location")!);
    expect(loc.pathname).toBe("/sign-in");
    expect(loc.searchParams.get("callbackUrl")).toBe("/dashboard/audits/42?tab=pages");
    expect((await proxy(req("/settings"))).headers.get("location")).toContain("/sign-in?callbackUrl=%2Fsettings");
  });

  it("lets a signed-in user through", async () => {
    const ann = await registerUser();
    const res = await proxy(req("/dashboard", { cookie: ann.cookie }));
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(res.headers.get("location")).toBeNull();
  });

  it("answers 404 for /admin without a session", async () => {
    const res = await proxy(req("/admin/audit-log"));
    expect(res.status).toBe(404);
    expect(res.headers.get("location")).toBeNull();
  });

  it("answers API calls without credentials with 401 JSON, never a redirect", async () => {
    for (const path of ["/api/account", "/api/account/tokens", "/api/admin/audit-log"]) {
      const res = await proxy(req(path));
      expect(res.status).toBe(401);
      expect(res.headers.get("location")).toBeNull();
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    expect((await proxy(req("/api/account", bearer("shr_x")))).headers.get("x-middleware-next")).toBe("1");
  });
});

describe("admin pages", () => {
  beforeEach(resetAll);

  it("the admin layout 404s for users and renders for admins", async () => {
    const ann = await registerUser("ann@example.com");
    const root = await registerUser("root@example.com");
    await makeAdmin(root.id);
    let jar = new Map<string, string>();
    vi.doMock("next/headers", () => ({
      cookies: async () => ({
        get: (n: string) => (jar.has(n) ? { name: n, value: jar.get(n)! } : undefined),
        getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      }),
      headers: async () => new Headers(),
    }));
    vi.resetModules();
    const { default: AdminLayout } = await import("@/app/admin/layout");
    const asCookie = (c: string) => new Map([c.split("=") as [string, string]]);

    jar = asCookie(ann.cookie);
    await expect(AdminLayout({ children: null })).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    jar = new Map();
    await expect(AdminLayout({ children: null })).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    jar = asCookie(root.cookie);
    await expect(AdminLayout({ children: "ok" })).resolves.toBeTruthy();
    vi.doUnmock("next/headers");
  });
});

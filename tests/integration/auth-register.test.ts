import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { POST as registerRoute } from "@/app/api/auth/register/route";
import { GET as accountGet } from "@/app/api/account/route";
import { verify } from "@node-rs/argon2";
import { request } from "../http";
import {
  auditActions,
  bearer,
  GOOD_PASSWORD,
  outbox,
  registerUser,
  resetAll,
  sessionCookie,
  tokenFor,
} from "./accounts.helpers";

const register = (body: unknown) => registerRoute(request("/api/auth/register", { body }));

describe("POST /api/auth/register", () => {
  beforeEach(resetAll);

  it("creates the account, answers 201 {user, token} and signs the browser in", async () => {
    const res = await register({ email: " Ann@Example.COM ", password: GOOD_PASSWORD, name: "Ann" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.user).toMatchObject({ email: "ann@example.com", name: "Ann", role: "user" });
    expect(body.user).not.toHaveProperty("passwordHash");
    expect(body.token).toMatch(/^shr_[A-Za-z0-9_-]{43}$/);

    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect(setCookie).toMatch(/Max-Age=86400/);

    const viaCookie = await accountGet(request("/api/account", { headers: { cookie: sessionCookie(res)! } }));
    expect(viaCookie.status).toBe(200);
    expect((await viaCookie.json()).user.email).toBe("ann@example.com");
    const viaToken = await accountGet(request("/api/account", { headers: bearer(body.token) }));
    expect(viaToken.status).toBe(200);

    const [row] = await db().select().from(schema.users).where(eq(schema.users.email, "ann@example.com"));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verify(row!.passwordHash!, GOOD_PASSWORD)).toBe(true);
    expect((await outbox("ann@example.com")).map((m) => m.template)).toEqual(["welcome"]);
    expect(await auditActions()).toEqual(["auth.registered", "token.created"]);
  });

  it("uses the secure cookie name over https", async () => {
    const res = await registerRoute(
      request("/api/auth/register", {
        body: { email: "sec@example.com", password: GOOD_PASSWORD, name: "Sec" },
        headers: { "x-forwarded-proto": "https" },
      }),
    );
    const c = res.headers.getSetCookie().find((x) => x.startsWith("__Secure-authjs.session-token="));
    expect(c).toMatch(/Secure/);
  });

  it("refuses a duplicate email, whatever its case, with 409", async () => {
    await registerUser("bo@example.com");
    const res = await register({ email: "BO@example.com", password: "Another-Good-Pass-7", name: "Bo 2" });
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({ code: "conflict", field: "email" });
    expect(await db().select().from(schema.users)).toHaveLength(1);
  });

  it.each([
    [{ email: "not-an-email", password: GOOD_PASSWORD, name: "X" }, "email", /email/i],
    [{ email: "x@example.com", password: "short1!", name: "X" }, "password", /at least 10/],
    [{ email: "x@example.com", password: "password123", name: "X" }, "password", /too common/],
    [{ email: "x@example.com", password: "Qwertyuiop", name: "X" }, "password", /too common/],
    [{ email: "x@example.com", password: GOOD_PASSWORD, name: "  " }, "name", /name/i],
    [{ email: "x@example.com", name: "X" }, "password", /password/i],
  ])("answers 400 naming the field for %j", async (body, field, message) => {
    const res = await register(body);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("bad_request");
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(await db().select().from(schema.users)).toHaveLength(0);
  });

  it("promotes ADMIN_EMAILS on sign-up, and on the next sign-in when listed later", async () => {
    process.env.ADMIN_EMAILS = "boss@example.com, later@example.com";
    try {
      const { resetEnvCache } = await import("@/lib/env");
      process.env.ADMIN_EMAILS = "boss@example.com";
      resetEnvCache();
      const boss = await register({ email: "Boss@example.com", password: GOOD_PASSWORD, name: "Boss" });
      expect((await boss.json()).user.role).toBe("admin");

      const later = await registerUser("later@example.com");
      const before = await accountGet(request("/api/account", { headers: bearer(later.token) }));
      expect((await before.json()).user.role).toBe("user");
      process.env.ADMIN_EMAILS = "boss@example.com, later@example.com";
      resetEnvCache();
      expect((await tokenFor("later@example.com", GOOD_PASSWORD)).status).toBe(200);
      const after = await accountGet(request("/api/account", { headers: bearer(later.token) }));
      expect((await after.json()).user.role).toBe("admin");
      expect(await auditActions()).toContain("user.role_changed");
    } finally {
      delete process.env.ADMIN_EMAILS;
    }
  });
});

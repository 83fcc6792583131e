import { beforeEach, describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { GET as accountGet } from "@/app/api/account/route";
import { db, schema } from "@/db";
import { LOCKOUT } from "@/lib/auth/login-lockout";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { AppError } from "@/lib/errors";
import { request } from "../http";
import { auditActions, bearer, GOOD_PASSWORD, registerUser, resetAll, tokenFor } from "./accounts.helpers";

/** The browser flow: CSRF cookie + token, then the Credentials callback form post. */
async function browserSignIn(email: string, password: string, ip = "198.51.100.7") {
  const csrfRes = await authGet(request("/api/auth/csrf"));
  const { csrfToken } = await csrfRes.json();
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await authPost(
    request("/api/auth/callback/credentials", {
      method: "POST",
      rawBody: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/dashboard" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, "x-forwarded-for": ip },
    }),
  );
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("authjs.session-token=") && c.length > "authjs.session-token=".length);
  return { res, session, csrfCookie, csrfToken };
}

describe("sign-in and sign-out", () => {
  beforeEach(resetAll);

  it("signs in through Auth.js Credentials: session cookie with role and session version, then signs out", async () => {
    const ann = await registerUser("ann@example.com");
    const { res, session, csrfCookie, csrfToken } = await browserSignIn("ANN@example.com", GOOD_PASSWORD);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("http://localhost:3000/dashboard");
    expect(session).toBeTruthy();

    const me = await accountGet(request("/api/account", { headers: { cookie: session! } }));
    expect(me.status).toBe(200);
    expect((await me.json()).user.id).toBe(ann.id);

    const sess = await authGet(request("/api/auth/session", { headers: { cookie: session! } }));
    expect((await sess.json()).user).toMatchObject({ id: ann.id, role: "user", email: "ann@example.com" });

    const out = await authPost(
      request("/api/auth/signout", {
        method: "POST",
        rawBody: new URLSearchParams({ csrfToken, callbackUrl: "/" }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${csrfCookie}; ${session}` },
      }),
    );
    expect(out.status).toBe(302);
    const cleared = out.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="))!;
    expect(cleared).toMatch(/^authjs\.session-token=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    expect(await auditActions()).toEqual(expect.arrayContaining(["auth.sign_in", "auth.sign_out"]));
  });

  it("a wrong password sets no session and redirects back with an error code", async () => {
    await registerUser("ann@example.com");
    const { res, session } = await browserSignIn("ann@example.com", "Wrong-Password-99");
    expect(session).toBeUndefined();
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("error")).toBe("CredentialsSignin");
    expect(location.searchParams.get("code")).toBe("invalid");
  });

  it("POST /api/auth/token trades email and password for a working API token", async () => {
    await registerUser("ann@example.com");
    const res = await tokenFor("ann@example.com", GOOD_PASSWORD);
    expect(res.status).toBe(200);
    const { token, tokenInfo } = await res.json();
    expect(token).toMatch(/^shr_/);
    expect(tokenInfo).toMatchObject({ name: "API sign-in", prefix: token.slice(0, 12) });
    expect((await accountGet(request("/api/account", { headers: bearer(token) }))).status).toBe(200);
  });

  it("unknown email and wrong password answer the same status and body (no enumeration)", async () => {
    await registerUser("ann@example.com");
    const wrong = await tokenFor("ann@example.com", "Wrong-Password-99");
    const unknown = await tokenFor("nobody@example.com", "Wrong-Password-99");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a).toEqual(b);
    expect(a).toEqual({ error: { code: "unauthorized", message: "Email or password is incorrect." } });
    const failures = await db().select().from(schema.auditLog);
    expect(failures.filter((f) => f.action === "auth.sign_in_failed")).toHaveLength(2);

    // The browser flow is just as silent.
    const b1 = await browserSignIn("ann@example.com", "Wrong-Password-99");
    const b2 = await browserSignIn("nobody@example.com", "Wrong-Password-99");
    expect(b1.res.status).toBe(b2.res.status);
    expect(b1.res.headers.get("location")).toBe(b2.res.headers.get("location"));
  });

  it("an unknown email costs a password hash too (comparable timing)", async () => {
    await registerUser("ann@example.com");
    const time = async (email: string) => {
      const t = performance.now();
      await tokenFor(email, "Wrong-Password-99", "192.0.2.1");
      return performance.now() - t;
    };
    await time("nobody@example.com"); // warm the dummy hash
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 2; i++) {
      known.push(await time("ann@example.com"));
      unknown.push(await time(`nobody${i}@example.com`));
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    // Loose bound: catches "returns before hashing", not scheduler noise.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.3);
  });
});

describe("lockout", () => {
  beforeEach(resetAll);

  it("locks an email for 15 minutes after repeated failures: 429 with Retry-After, even with the right password", async () => {
    await registerUser("ann@example.com");
    for (let i = 0; i < LOCKOUT.email.lockAfter; i++) {
      const r = await tokenFor("ann@example.com", `Wrong-Password-${i}`, `192.0.2.${i}`);
      expect(r.status).toBe(401);
    }
    const locked = await tokenFor("ann@example.com", GOOD_PASSWORD, "192.0.2.200");
    expect(locked.status).toBe(429);
    const retry = Number(locked.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect((await locked.json()).error).toMatchObject({ code: "locked" });
    expect(await auditActions()).toContain("auth.sign_in_blocked");

    // Other accounts are unaffected.
    await registerUser("bo@example.com");
    expect((await tokenFor("bo@example.com", GOOD_PASSWORD, "192.0.2.201")).status).toBe(200);
  });

  it("locks an unknown email exactly like a known one", async () => {
    for (let i = 0; i < LOCKOUT.email.lockAfter; i++)
      await tokenFor("ghost@example.com", `Wrong-${i}-Password`, `192.0.2.${i}`);
    const r = await tokenFor("ghost@example.com", "Whatever-Password-1", "192.0.2.99");
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBeTruthy();
  });

  it("locks an IP that guesses across many emails", async () => {
    await registerUser("ann@example.com");
    const meta = { via: "api" as const, ip: "203.0.113.66", userAgent: "test" };
    for (let i = 0; i < LOCKOUT.ip.lockAfter; i++) {
      await expect(
        verifyCredentials({ email: `victim${i}@example.com`, password: "Guess-Password-1" }, meta),
      ).rejects.toMatchObject({
        code: "unauthorized",
      });
    }
    const err = await verifyCredentials({ email: "ann@example.com", password: GOOD_PASSWORD }, meta).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("locked");
    expect(err.retryAfter).toBeGreaterThan(14 * 60);
    // The same account from another IP still works.
    await expect(
      verifyCredentials({ email: "ann@example.com", password: GOOD_PASSWORD }, { ...meta, ip: "203.0.113.67" }),
    ).resolves.toMatchObject({
      email: "ann@example.com",
    });
  });

  it("a forged X-Forwarded-For prefix does not get an IP out of its lockout", async () => {
    await registerUser("ann@example.com");
    // A client without a proxy in front can prepend anything; the entry our proxy appended stays last.
    const via = (i: number) => `10.0.${i}.1, 203.0.113.70`;
    for (let i = 0; i < LOCKOUT.ip.lockAfter; i++) {
      // 401 until the IP's auth rate limit or its lockout answers 429.
      expect([401, 429]).toContain((await tokenFor(`victim${i}@example.com`, "Guess-Password-1", via(i))).status);
    }
    const res = await tokenFor("ann@example.com", GOOD_PASSWORD, via(999));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBeTruthy();
  });

  it("the browser flow reports a lockout with code=locked", async () => {
    await registerUser("ann@example.com");
    for (let i = 0; i < LOCKOUT.email.lockAfter; i++)
      await tokenFor("ann@example.com", `Wrong-Password-${i}`, `192.0.2.${i}`);
    const { res, session } = await browserSignIn("ann@example.com", GOOD_PASSWORD);
    expect(session).toBeUndefined();
    expect(new URL(res.headers.get("location")!).searchParams.get("code")).toBe("locked");
  });
});

describe("slow-down curve", () => {
  it("adds nothing before the threshold, then doubles up to a cap", async () => {
    const { slowDownMs } = await import("@/lib/auth/login-lockout");
    const scale = 250; // NODE_ENV=test divides the unit by 250
    expect(slowDownMs(2, 3)).toBe(0);
    expect(slowDownMs(3, 3) * scale).toBe(250);
    expect(slowDownMs(4, 3) * scale).toBe(500);
    expect(slowDownMs(9, 3) * scale).toBe(LOCKOUT.maxDelayMs);
    expect(slowDownMs(60, 3) * scale).toBe(LOCKOUT.maxDelayMs);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { GET as accountGet } from "@/app/api/account/route";
import { POST as resetRequest } from "@/app/api/auth/password-reset/request/route";
import { POST as resetConfirm } from "@/app/api/auth/password-reset/confirm/route";
import { POST as changePassword } from "@/app/api/account/password/route";
import { LOCKOUT } from "@/lib/auth/login-lockout";
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

const NEW_PASSWORD = "Marmalade-Orbit-77";
const me = (headers: Record<string, string>) => accountGet(request("/api/account", { headers }));
const requestReset = (email: string) => resetRequest(request("/api/auth/password-reset/request", { body: { email } }));
const confirm = (token: string, password: string) =>
  resetConfirm(request("/api/auth/password-reset/confirm", { body: { token, password } }));

/** The reset link from the newest reset email's plain-text part, as a user would click it. */
async function resetTokenFromOutbox(to: string): Promise<string> {
  const mails = (await outbox(to)).filter((m) => m.template === "password-reset");
  const text = mails[mails.length - 1]!.text;
  const link = /(http\S+\/reset-password\?token=\S+)/.exec(text)![1]!;
  return new URL(link).searchParams.get("token")!;
}

describe("password reset", () => {
  beforeEach(resetAll);

  it("answers the same for known and unknown emails, and only mails the account owner", async () => {
    await registerUser("ann@example.com");
    const known = await requestReset("Ann@example.com");
    const unknown = await requestReset("nobody@example.com");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.json()).toEqual(await unknown.json());
    expect((await outbox("ann@example.com")).filter((m) => m.template === "password-reset")).toHaveLength(1);
    expect(await outbox("nobody@example.com")).toHaveLength(0);
  });

  it("with SMTP, a known email answers without waiting for the mail server (timing tells nothing)", async () => {
    await registerUser("ann@example.com");
    const sent: string[] = [];
    let release!: () => void;
    const smtpReply = new Promise<void>((r) => (release = r));
    const g = globalThis as { __seoSmtp?: unknown };
    g.__seoSmtp = {
      sendMail: async (m: { to: string }) => {
        sent.push(m.to);
        await smtpReply;
      },
    };
    try {
      const res = await requestReset("ann@example.com");
      expect(res.status).toBe(200);
      const [mail] = (await outbox("ann@example.com")).filter((m) => m.template === "password-reset");
      expect(mail!.status).toBe("outbox"); // answered while SMTP still holds the message
      release();
      await expect
        .poll(async () => (await outbox("ann@example.com")).find((m) => m.id === mail!.id)?.status)
        .toBe("sent");
      expect(sent).toEqual(["ann@example.com"]);
    } finally {
      release();
      g.__seoSmtp = undefined;
    }
  });

  it("end to end through the outbox: new password works, old fails, sessions revoked, link single-use", async () => {
    const ann = await registerUser("ann@example.com");
    await requestReset("ann@example.com");
    const mail = (await outbox("ann@example.com")).find((m) => m.template === "password-reset")!;
    expect(mail.subject).toMatch(/Reset your/);
    expect(mail.text).toMatch(/expires in 60 minutes/);
    const token = await resetTokenFromOutbox("ann@example.com");

    const stored = await db().select().from(schema.passwordResetTokens);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token); // hashed at rest

    const res = await confirm(token, NEW_PASSWORD);
    expect(res.status).toBe(200);
    expect((await me({ cookie: ann.cookie })).status).toBe(401); // every session revoked
    expect((await tokenFor("ann@example.com", GOOD_PASSWORD)).status).toBe(401);
    expect((await tokenFor("ann@example.com", NEW_PASSWORD)).status).toBe(200);

    const again = await confirm(token, "Another-Fresh-Pass-9");
    expect(again.status).toBe(400);
    expect((await again.json()).error).toMatchObject({ code: "bad_request", field: "token" });
    expect((await outbox("ann@example.com")).map((m) => m.template)).toContain("password-changed");
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["auth.password_reset_requested", "auth.password_reset"]),
    );
  });

  it("an expired link is refused", async () => {
    await registerUser("ann@example.com");
    await requestReset("ann@example.com");
    const token = await resetTokenFromOutbox("ann@example.com");
    const [row] = await db().select().from(schema.passwordResetTokens);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(59 * 60_000);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeLessThanOrEqual(60 * 60_000 + 1000);
    await db()
      .update(schema.passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.passwordResetTokens.id, row!.id));
    const res = await confirm(token, NEW_PASSWORD);
    expect(res.status).toBe(400);
    expect((await tokenFor("ann@example.com", GOOD_PASSWORD)).status).toBe(200);
  });

  it("a weak new password is a 400 naming the field and does not burn the link", async () => {
    await registerUser("ann@example.com");
    await requestReset("ann@example.com");
    const token = await resetTokenFromOutbox("ann@example.com");
    const weak = await confirm(token, "password123");
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.field).toBe("password");
    expect((await confirm(token, NEW_PASSWORD)).status).toBe(200);
  });

  it("using one link kills the other outstanding links; a bogus token is refused", async () => {
    await registerUser("ann@example.com");
    await requestReset("ann@example.com");
    const first = await resetTokenFromOutbox("ann@example.com");
    await requestReset("ann@example.com");
    const second = await resetTokenFromOutbox("ann@example.com");
    expect(first).not.toBe(second);
    expect((await confirm(second, NEW_PASSWORD)).status).toBe(200);
    expect((await confirm(first, "Another-Fresh-Pass-9")).status).toBe(400);
    expect((await confirm("x".repeat(43), NEW_PASSWORD)).status).toBe(400);
  });

  it("a completed reset lifts a lockout on that email", async () => {
    await registerUser("ann@example.com");
    for (let i = 0; i < LOCKOUT.email.lockAfter; i++)
      await tokenFor("ann@example.com", `Wrong-Password-${i}`, `192.0.2.${i}`);
    expect((await tokenFor("ann@example.com", GOOD_PASSWORD)).status).toBe(429);
    await requestReset("ann@example.com");
    await confirm(await resetTokenFromOutbox("ann@example.com"), NEW_PASSWORD);
    expect((await tokenFor("ann@example.com", NEW_PASSWORD)).status).toBe(200);
  });

  it("limits reset emails per address", async () => {
    await registerUser("ann@example.com");
    for (let i = 0; i < 7; i++) expect((await requestReset("ann@example.com")).status).toBe(200);
    expect((await outbox("ann@example.com")).filter((m) => m.template === "password-reset")).toHaveLength(5);
  });
});

describe("change password", () => {
  beforeEach(resetAll);
  const change = (headers: Record<string, string>, body: unknown) =>
    changePassword(request("/api/account/password", { body, headers }));

  it("requires the current password", async () => {
    const ann = await registerUser();
    const res = await change(
      { cookie: ann.cookie },
      { currentPassword: "Not-My-Password-1", newPassword: NEW_PASSWORD },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.field).toBe("currentPassword");
    expect((await tokenFor(ann.email, GOOD_PASSWORD)).status).toBe(200);
  });

  it("wrong current passwords count towards the lockout", async () => {
    const ann = await registerUser();
    for (let i = 0; i < LOCKOUT.email.lockAfter; i++) {
      const r = await change(
        { cookie: ann.cookie },
        { currentPassword: `Wrong-Password-${i}`, newPassword: NEW_PASSWORD },
      );
      expect(r.status).toBe(400);
    }
    const locked = await change({ cookie: ann.cookie }, { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBeTruthy();
    expect(await auditActions()).toContain("auth.reauth_failed");
  });

  it("applies the policy to the new password", async () => {
    const ann = await registerUser();
    const res = await change({ cookie: ann.cookie }, { currentPassword: GOOD_PASSWORD, newPassword: "qwertyuiop" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.field).toBe("newPassword");
  });

  it("changes it, signs out other sessions, keeps the caller signed in and emails the owner", async () => {
    const ann = await registerUser();
    const other = (await tokenFor(ann.email, GOOD_PASSWORD)).status; // another device's API sign-in
    expect(other).toBe(200);
    const res = await change({ cookie: ann.cookie }, { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(200);
    const fresh = sessionCookie(res)!;
    expect(fresh).not.toBe(ann.cookie);
    expect((await me({ cookie: ann.cookie })).status).toBe(401);
    expect((await me({ cookie: fresh })).status).toBe(200);
    expect((await tokenFor(ann.email, NEW_PASSWORD)).status).toBe(200);
    expect((await outbox(ann.email)).map((m) => m.template)).toContain("password-changed");
    expect(await auditActions()).toContain("auth.password_changed");
  });

  it("works with an API token and sets no cookie", async () => {
    const ann = await registerUser();
    const res = await change(bearer(ann.token), { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(sessionCookie(res)).toBeNull();
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { provisionAccount } from "@/lib/auth/provision";
import { passwordProblem } from "@/lib/auth/password-policy";
import { auditActions, registerUser, resetAll, tokenFor } from "./accounts.helpers";

describe("provisionAccount (admin:create, db:seed)", () => {
  beforeEach(resetAll);

  it("creates an admin with a generated password that works and passes the policy", async () => {
    const r = await provisionAccount({ email: "Boss@Example.com", role: "admin", reason: "admin:create" });
    expect(r).toMatchObject({ created: true, promoted: false });
    expect(r.user).toMatchObject({ email: "boss@example.com", role: "admin" });
    expect(passwordProblem(r.password!)).toBeNull();
    expect((await tokenFor("boss@example.com", r.password!)).status).toBe(200);
  });

  it("promotes an existing user without touching the password, and is idempotent", async () => {
    const ann = await registerUser("ann@example.com");
    const first = await provisionAccount({ email: "ann@example.com", role: "admin", reason: "admin:create" });
    expect(first).toMatchObject({ created: false, promoted: true, password: null });
    expect(first.user.role).toBe("admin");
    const again = await provisionAccount({ email: "ann@example.com", role: "admin", reason: "admin:create" });
    expect(again).toMatchObject({ created: false, promoted: false });
    expect((await tokenFor("ann@example.com", ann.password)).status).toBe(200);
    expect((await auditActions()).filter((a) => a === "user.role_changed")).toHaveLength(1);
  });

  it("seeding a user twice creates it once", async () => {
    const a = await provisionAccount({ email: "demo@example.com", role: "user", reason: "db:seed" });
    const b = await provisionAccount({ email: "demo@example.com", role: "user", reason: "db:seed" });
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ created: false, promoted: false, password: null });
    expect(b.user.id).toBe(a.user.id);
  });

  it("refuses something that is not an email", async () => {
    await expect(provisionAccount({ email: "nope", role: "admin", reason: "x" })).rejects.toMatchObject({
      code: "bad_request",
    });
  });
});

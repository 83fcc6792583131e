import { describe, expect, it } from "vitest";
import { assertPasswordPolicy, passwordProblem } from "./password-policy";
import { AppError } from "@/lib/errors";

describe("password policy", () => {
  it("requires 10 characters", () => {
    expect(passwordProblem("Sh0rt!pw")).toMatch(/at least 10/);
    expect(passwordProblem("Tangerine-Kite-42")).toBeNull();
  });

  it("rejects common passwords case-insensitively", () => {
    expect(passwordProblem("password123")).toMatch(/too common/);
    expect(passwordProblem("QwertyUiop")).toMatch(/too common/);
    expect(passwordProblem("Football2024")).toMatch(/too common/);
    expect(passwordProblem("1234567890")).toMatch(/too common/);
  });

  it("rejects near-constant strings and the email itself", () => {
    expect(passwordProblem("abababababab")).toMatch(/too easy/);
    expect(passwordProblem("ann.long@example.com", { email: "Ann.Long@example.com" })).toMatch(/email/);
  });

  it("assertPasswordPolicy throws a 400 naming the field", () => {
    try {
      assertPasswordPolicy("short", "newPassword");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("bad_request");
      expect((e as AppError).details).toEqual({ field: "newPassword" });
      expect((e as AppError).message).toMatch(/^newPassword: /);
    }
  });
});

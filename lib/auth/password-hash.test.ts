import { describe, expect, it, vi } from "vitest";
import type * as Argon2 from "@node-rs/argon2";

vi.mock("@node-rs/argon2", async (orig) => {
  const real = await orig<typeof Argon2>();
  return { ...real, verify: vi.fn(real.verify) };
});

const argon2 = await import("@node-rs/argon2");
const { hashPassword, verifyPassword } = await import("./password-hash");

describe("password hashing", () => {
  it("uses argon2id and verifies only the right password", async () => {
    const h = await hashPassword("Tangerine-Kite-42");
    expect(h).toMatch(/^\$argon2id\$v=19\$/);
    expect(await verifyPassword(h, "Tangerine-Kite-42")).toBe(true);
    expect(await verifyPassword(h, "tangerine-kite-42")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });

  it("runs a real verification even when there is no hash (unknown email), so timing matches", async () => {
    vi.mocked(argon2.verify).mockClear();
    expect(await verifyPassword(null, "Tangerine-Kite-42")).toBe(false);
    expect(argon2.verify).toHaveBeenCalledTimes(1);
  });

  it("keeps production-strength parameters outside tests", async () => {
    const env = process.env as Record<string, string>;
    env.NODE_ENV = "production";
    try {
      const h = await hashPassword("Tangerine-Kite-42");
      expect(h).toContain("m=19456,t=2,p=1");
    } finally {
      env.NODE_ENV = "test";
    }
  });
});

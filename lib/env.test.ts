import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives development a working default for everything", () => {
    const e = parseEnv({});
    expect(e.NODE_ENV).toBe("development");
    expect(e.APP_URL).toBe("http://localhost:3000");
    expect(e.STRIPE_WEBHOOK_TOLERANCE).toBe(300);
  });

  it("refuses a production start without STRIPE_SECRET_KEY, naming it", () => {
    expect(() =>
      parseEnv({
        NODE_ENV: "production",
        STRIPE_WEBHOOK_SECRET: "whsec_x",
        AUTH_SECRET: "x".repeat(32),
        DATABASE_URL: "postgres://x",
      }),
    ).toThrow(/STRIPE_SECRET_KEY/);
  });

  it("names the first missing production variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      /Missing required environment variable STRIPE_SECRET_KEY/,
    );
  });

  it("APP_DEMO=1 lets production run on embedded defaults", () => {
    expect(parseEnv({ NODE_ENV: "production", APP_DEMO: "1" }).APP_DEMO).toBe(true);
  });

  it("rejects malformed values with the variable's name", () => {
    expect(() => parseEnv({ APP_URL: "not a url" })).toThrow(/APP_URL/);
  });

  it("rejects a pool size that is not a positive integer", () => {
    expect(() => parseEnv({ DATABASE_POOL_SIZE: "lots" })).toThrow(/DATABASE_POOL_SIZE/);
    expect(parseEnv({ DATABASE_POOL_SIZE: "4" }).DATABASE_POOL_SIZE).toBe(4);
  });
});

describe(".env.example", () => {
  const documented = [
    ...fs
      .readFileSync(path.resolve(import.meta.dirname, "../.env.example"), "utf8")
      .matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm),
  ].map((m) => m[1]);

  it("documents every variable lib/env.ts reads, and nothing it does not", () => {
    expect([...new Set(documented)].sort()).toEqual([...ENV_VARIABLES].sort());
  });
});

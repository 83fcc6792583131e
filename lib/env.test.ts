import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

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
});

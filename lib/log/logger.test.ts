import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { createLogger } from "./logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { log: createLogger(stream), lines };
}

describe("logger", () => {
  it("writes JSON lines with the service name", () => {
    const { log, lines } = capture();
    log.info({ requestId: "r1", route: "health", status: 200 }, "request");
    expect(lines[0]).toMatchObject({
      service: "seo-health-report",
      requestId: "r1",
      route: "health",
      status: 200,
      msg: "request",
    });
  });

  it("never writes passwords, tokens, cookies or card data", () => {
    const { log, lines } = capture();
    log.info({
      password: "hunter2hunter2",
      body: { token: "tok_secret", card: "4242424242424242" },
      headers: { authorization: "Bearer abc", cookie: "session=xyz" },
    });
    const text = JSON.stringify(lines[0]);
    for (const secret of ["hunter2hunter2", "tok_secret", "4242424242424242", "Bearer abc", "session=xyz"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("[redacted]");
  });

  it("keeps a failed query's SQL but not its bound values", () => {
    const { log, lines } = capture();
    const err = new DrizzleQueryError(
      "update users set password_hash = $1 where email = $2",
      ["$argon2id$v=19$secret-hash", "ann@example.com"],
      new Error("connection reset"),
    );
    log.error({ err: new Error("wrapped", { cause: err }) }, "unhandled error");
    log.error({ err }, "unhandled error");
    const text = JSON.stringify(lines);
    expect(text).toContain("update users set password_hash");
    expect(text).toContain("connection reset");
    expect(text).not.toContain("secret-hash");
    expect(text).not.toContain("ann@example.com");
  });
});

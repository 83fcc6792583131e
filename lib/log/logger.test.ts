import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
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
});

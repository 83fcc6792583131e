import { describe, expect, it } from "vitest";
import { clientIp, requestIdFrom } from "./client-ip";

const req = (headers: Record<string, string>) => new Request("http://localhost/x", { headers });

describe("clientIp", () => {
  it("takes the entry the nearest trusted hop wrote, never the client-chosen left end", () => {
    const r = req({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, 203.0.113.5" });
    expect(clientIp(r, 1)).toBe("203.0.113.5");
    expect(clientIp(r, 2)).toBe("2.2.2.2");
    expect(clientIp(r, 0)).toBe("203.0.113.5");
    expect(clientIp(r, 9)).toBe("1.1.1.1");
  });

  it("uses the socket address Next sets when nothing else came in, then X-Real-IP, then loopback", () => {
    expect(clientIp(req({ "x-forwarded-for": "198.51.100.1" }), 1)).toBe("198.51.100.1");
    expect(clientIp(req({ "x-real-ip": "198.51.100.2" }), 1)).toBe("198.51.100.2");
    expect(clientIp(req({}), 1)).toBe("127.0.0.1");
  });

  it("defaults to one trusted hop (TRUSTED_PROXY_COUNT)", () => {
    expect(clientIp(req({ "x-forwarded-for": "6.6.6.6, 198.51.100.9" }))).toBe("198.51.100.9");
  });
});

describe("requestIdFrom", () => {
  it("keeps a well-formed X-Request-Id and replaces anything else", () => {
    expect(requestIdFrom(req({ "x-request-id": "abc-123.x:y" }))).toBe("abc-123.x:y");
    for (const bad of ["a b", "x".repeat(200), "evil\u0001"]) {
      expect(requestIdFrom(req({ "x-request-id": bad }))).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(req({}))).toMatch(/^[0-9a-f-]{36}$/);
  });
});

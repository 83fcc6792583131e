import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/log/logger";
import { startAccessLogProxy } from "./access-log-proxy";
import { freePort } from "./pglite-host";

let upstream: http.Server;
let stop: () => Promise<void>;
let base: string;
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    seen.push(req.headers);
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const status = req.url?.startsWith("/missing") ? 404 : 200;
      res
        .writeHead(status, { "content-type": "text/plain", "set-cookie": ["a=1", "b=2"] })
        .end(`${req.method} ${body}`);
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  const port = await freePort();
  stop = await startAccessLogProxy({ port, upstreamPort: (upstream.address() as AddressInfo).port });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await stop();
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
});

describe("access-log proxy in front of Next", () => {
  it("forwards method, body, status and repeated headers, and logs one line per page request", async () => {
    const info = vi.spyOn(logger, "info");
    const res = await fetch(`${base}/missing?x=1`, { method: "POST", body: "hello" });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("POST hello");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    await vi.waitFor(() => expect(info).toHaveBeenCalled());
    const [line] = info.mock.calls.at(-1)!;
    expect(line).toMatchObject({ method: "POST", route: "page", path: "/missing", status: 404 });
    expect((line as { requestId: string }).requestId).toBe(seen.at(-1)!["x-request-id"]);
    info.mockRestore();
  });

  it("keeps a well-formed request id, replaces a bad one, and appends the peer to X-Forwarded-For", async () => {
    await fetch(`${base}/`, { headers: { "x-request-id": "abc-123", "x-forwarded-for": "203.0.113.7" } });
    expect(seen.at(-1)).toMatchObject({ "x-request-id": "abc-123", "x-forwarded-for": "203.0.113.7, 127.0.0.1" });
    await fetch(`${base}/`, { headers: { "x-request-id": "bad id\twith spaces" } });
    expect(seen.at(-1)!["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("leaves API routes and static assets to their own logging", async () => {
    const info = vi.spyOn(logger, "info");
    await fetch(`${base}/api/health`);
    await fetch(`${base}/_next/static/chunk.js`);
    await fetch(`${base}/pricing`);
    await vi.waitFor(() => expect(info.mock.calls.map(([l]) => (l as { path: string }).path)).toContain("/pricing"));
    const paths = info.mock.calls.map(([l]) => (l as { path: string }).path);
    expect(paths).not.toContain("/api/health");
    expect(paths).not.toContain("/_next/static/chunk.js");
    info.mockRestore();
  });
});

/**
 * Serves a fixture site on 127.0.0.1 (http or https with the committed
 * self-signed certificate) for tests, the CLI smoke test and the benchmark.
 * `{{origin}}` in bodies and headers is replaced by the server's origin;
 * `{{other}}` by a second origin the caller passes (external links).
 */
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import zlib from "node:zlib";

export type Route = {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Compress with gzip when the client accepts it. */
  gzip?: boolean;
  delayMs?: number;
};

export type Routes = Record<string, Route | ((n: number) => Route)>;

export type FixtureServer = { origin: string; hits: Map<string, number>; close: () => Promise<void> };

const dir = path.dirname(new URL(import.meta.url).pathname);
export const FIXTURE_CA = fs.readFileSync(path.join(dir, "fixture-cert.pem"), "utf8");
const KEY = fs.readFileSync(path.join(dir, "fixture-key.pem"), "utf8");

export async function serveFixture(
  routes: Routes,
  opts: { https?: boolean; host?: string; vars?: Record<string, string>; fallback?: (p: string) => Route | null } = {},
): Promise<FixtureServer> {
  const hits = new Map<string, number>();
  let origin = "";
  const fill = (s: string) => {
    let out = s.replaceAll("{{origin}}", origin);
    for (const [k, v] of Object.entries(opts.vars ?? {})) out = out.replaceAll(`{{${k}}}`, v);
    return out;
  };
  const handler: http.RequestListener = (req, res) => {
    const p = req.url ?? "/";
    const n = (hits.get(p) ?? 0) + 1;
    hits.set(p, n);
    const r = routes[p];
    const route: Route = (typeof r === "function" ? r(n) : r) ??
      opts.fallback?.(p) ?? { status: 404, body: "not found" };
    const send = () => {
      const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" };
      for (const [k, v] of Object.entries(route.headers ?? {})) headers[k.toLowerCase()] = fill(v);
      let body: Buffer =
        typeof route.body === "string" ? Buffer.from(fill(route.body)) : (route.body ?? Buffer.alloc(0));
      if (route.gzip && /gzip/.test(String(req.headers["accept-encoding"] ?? ""))) {
        body = zlib.gzipSync(body);
        headers["content-encoding"] = "gzip";
      }
      headers["content-length"] = String(body.length);
      res.writeHead(route.status ?? 200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (route.delayMs) setTimeout(send, route.delayMs);
    else send();
  };
  const server = opts.https ? https.createServer({ key: KEY, cert: FIXTURE_CA }, handler) : http.createServer(handler);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  origin = `${opts.https ? "https" : "http"}://${opts.host ?? "127.0.0.1"}:${port}`;
  return {
    origin,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

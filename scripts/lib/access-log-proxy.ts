import { randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { logger } from "@/lib/log/logger";

type Stop = () => Promise<void>;

/** Route handlers log themselves (lib/http/observe.ts); static assets are not worth a line each. */
const LOGGED_ELSEWHERE = /^\/(api\/|_next\/|favicon\.ico$|robots\.txt$)/;

function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/**
 * The public port of `npm run dev` / `npm start`: forwards every request to the
 * Next server on a loopback port and writes one JSON line per page request
 * (request id, path, status, latency) — Next has no access log of its own, and
 * route handlers already log through their wrapper. It appends the peer address
 * to X-Forwarded-For (the app reads the client IP from the right of that list)
 * and passes WebSocket upgrades through (dev server hot reload).
 */
export async function startAccessLogProxy(opts: { port: number; upstreamPort: number }): Promise<Stop> {
  const server = http.createServer((req, res) => {
    const start = performance.now();
    const requestId = requestIdOf(req);
    // The server listens dual-stack: an IPv4 peer shows as ::ffff:a.b.c.d; the app wants a.b.c.d.
    const peer = req.socket.remoteAddress?.replace(/^::ffff:(?=\d+\.)/, "");
    const forwarded = [req.headers["x-forwarded-for"], peer].filter(Boolean).join(", ");
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: opts.upstreamPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-request-id": requestId, "x-forwarded-for": forwarded },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.statusMessage, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end("The app is not answering yet.");
      else res.destroy(err);
    });
    req.pipe(upstream);
    res.on("finish", () => {
      const path = (req.url ?? "/").split("?")[0]!;
      if (LOGGED_ELSEWHERE.test(path)) return;
      logger.info(
        {
          requestId,
          method: req.method,
          route: "page",
          path,
          status: res.statusCode,
          latencyMs: Math.round(performance.now() - start),
        },
        "request",
      );
    });
  });
  server.on("upgrade", (req, socket, head) => {
    const up = net.connect(opts.upstreamPort, "127.0.0.1", () => {
      const headers = Object.entries(req.headers).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).map((x) => `${k}: ${x}`),
      );
      up.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join("\r\n")}\r\n\r\n`);
      if (head.length) up.write(head);
      up.pipe(socket).pipe(up);
    });
    up.on("error", () => socket.destroy());
    socket.on("error", () => up.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, resolve);
  });
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

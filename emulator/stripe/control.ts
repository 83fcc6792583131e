import type { IncomingMessage, ServerResponse } from "node:http";
import { API_VERSION, automatic, type Core } from "./core";
import { applyConfig } from "./config";
import { parseLooseBody, readBody, redirect, sendJson } from "./http";
import { advanceClock } from "./billing/clock";
import type { Deliverer } from "./webhooks/deliver";

export type Control = { core: Core; deliverer: Deliverer; reset(): void };

/**
 * `/_emulator/*`: test and dashboard controls, outside Stripe's API (no key needed:
 * the emulator only ever listens on a developer's machine or a CI runner).
 */
export async function handleControl(c: Control, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? "GET";
  const fromPage = (req.headers.accept ?? "").includes("text/html");
  const body = method === "POST" ? parseLooseBody(await readBody(req), req.headers["content-type"]) : {};
  const done = (payload: unknown) => (fromPage ? redirect(res, "/") : sendJson(res, 200, payload));
  const store = c.core.store;
  const path = url.pathname;

  if (path === "/_emulator/health") return sendJson(res, 200, { ok: true, api_version: API_VERSION, now: store.now() });
  if (path === "/_emulator/reset" && method === "POST") {
    c.reset();
    return done({ ok: true });
  }
  if (path === "/_emulator/config") {
    if (method === "POST") {
      try {
        store.state.config = applyConfig(store.state.config, body);
      } catch (e) {
        return sendJson(res, 400, { error: { type: "invalid_request_error", message: (e as Error).message } });
      }
      store.touch();
      c.deliverer.kick();
    }
    return method === "POST" ? done(store.state.config) : sendJson(res, 200, store.state.config);
  }
  if (path === "/_emulator/advance" && method === "POST") {
    const seconds = Number(body.seconds ?? 0) + Number(body.days ?? 0) * 86400 + Number(body.hours ?? 0) * 3600;
    const to = body.to ? Number(body.to) : store.now() + seconds;
    if (!Number.isFinite(to) || to < store.now()) {
      return sendJson(res, 400, {
        error: {
          type: "invalid_request_error",
          message: "The clock only moves forward: pass seconds, hours, days or a future `to`.",
        },
      });
    }
    const now = advanceClock(automatic(c.core), to);
    return done({ now, iso: new Date(now * 1000).toISOString() });
  }
  const replay = /^\/_emulator\/events\/([^/]+)\/replay$/.exec(path);
  if (replay && method === "POST") {
    const d = c.deliverer.replay(decodeURIComponent(replay[1] as string));
    if (!d)
      return sendJson(res, 404, {
        error: { type: "invalid_request_error", message: "No such event or no endpoint to deliver to." },
      });
    return done({ delivery: d.id });
  }
  const objectMatch = /^\/_emulator\/objects\/([^/]+)$/.exec(path);
  if (objectMatch && method === "GET") {
    const o = store.get(decodeURIComponent(objectMatch[1] as string));
    return o ? sendJson(res, 200, o) : sendJson(res, 404, { error: { message: "No such object" } });
  }
  if (path === "/_emulator/deliveries" && method === "GET") {
    return sendJson(
      res,
      200,
      store.state.deliveries.map(({ secret: _secret, ...d }) => d),
    );
  }
  sendJson(res, 404, {
    error: { type: "invalid_request_error", message: `Unknown emulator control ${method} ${path}` },
  });
}

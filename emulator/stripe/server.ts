import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { automatic, type Core } from "./core";
import { handleApi, type ApiOptions } from "./api";
import type { Virtuals } from "./expand";
import type { Router } from "./router";
import { parseLooseBody, readBody, sendHtml, sendJson } from "./http";
import { checkoutGet, checkoutPay, threeDsGet, threeDsPost } from "./pages/checkout";
import { portalAction, portalGet } from "./pages/portal";
import { invoiceHtml, invoicePay, invoicePdf, receiptHtml } from "./pages/invoice";
import { dashboard } from "./pages/dashboard";
import { handleControl, type Control } from "./control";
import { layout } from "./pages/html";

type PageHandler = (
  ctx: ReturnType<typeof automatic>,
  res: ServerResponse,
  id: string,
  form: Record<string, string>,
) => void;
const PAGES: { method: string; re: RegExp; handler: PageHandler }[] = [
  { method: "GET", re: /^\/checkout\/([^/]+)$/, handler: (c, r, id) => checkoutGet(c, r, id) },
  { method: "POST", re: /^\/checkout\/([^/]+)\/pay$/, handler: checkoutPay },
  { method: "GET", re: /^\/checkout\/([^/]+)\/3ds$/, handler: (c, r, id) => threeDsGet(c, r, id) },
  { method: "POST", re: /^\/checkout\/([^/]+)\/3ds$/, handler: threeDsPost },
  { method: "GET", re: /^\/portal\/([^/]+)$/, handler: (c, r, id, f) => portalGet(c, r, id, f) },
  { method: "POST", re: /^\/portal\/([^/]+)$/, handler: portalAction },
  { method: "GET", re: /^\/invoice\/([^/]+)$/, handler: invoiceHtml },
  { method: "POST", re: /^\/invoice\/([^/]+)\/pay$/, handler: invoicePay },
  { method: "GET", re: /^\/invoice\/([^/]+)\/pdf$/, handler: (c, r, id) => invoicePdf(c, r, id) },
  { method: "GET", re: /^\/receipts\/([^/]+)$/, handler: (c, r, id) => receiptHtml(c, r, id) },
];

export function createHttpServer(
  core: Core,
  router: Router,
  virtuals: Virtuals,
  api: ApiOptions,
  control: Control,
): http.Server {
  return http.createServer((req, res) => {
    route(core, router, virtuals, api, control, req, res).catch((e: unknown) => {
      console.error("[stripe-emulator]", e);
      if (!res.headersSent)
        sendJson(res, 500, { error: { type: "api_error", message: String((e as Error)?.message ?? e) } });
      else res.end();
    });
  });
}

async function route(
  core: Core,
  router: Router,
  virtuals: Virtuals,
  api: ApiOptions,
  control: Control,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator.local");
  const method = req.method ?? "GET";
  if (url.pathname.startsWith("/v1/")) return handleApi(core, router, virtuals, api, req, res, url);
  if (url.pathname.startsWith("/_emulator/")) return handleControl(control, req, res, url);
  const ctx = automatic(core);
  if (method === "GET" && url.pathname === "/") return sendHtml(res, 200, dashboard(ctx, control.deliverer, url));
  for (const p of PAGES) {
    const m = p.re.exec(url.pathname);
    if (!m || p.method !== method) continue;
    const form =
      method === "POST"
        ? parseLooseBody(await readBody(req), req.headers["content-type"])
        : Object.fromEntries(url.searchParams);
    return p.handler(ctx, res, decodeURIComponent(m[1] as string), form);
  }
  sendHtml(
    res,
    404,
    layout("Not found", `<div class="card"><h1>Not found</h1><p><a href="/">Emulator dashboard</a></p></div>`),
  );
}

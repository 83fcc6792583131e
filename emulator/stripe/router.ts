import type { Ctx } from "./core";
import type { Params } from "./form";
import { StripeApiError } from "./errors";

export type Handler = (ctx: Ctx, p: Params, args: Record<string, string>) => unknown;
type Route = { method: string; parts: string[]; handler: Handler };

/** A tiny method + path matcher for `/v1/...` (`:name` segments become args). */
export class Router {
  private routes: Route[] = [];

  get(path: string, h: Handler): void {
    this.add("GET", path, h);
  }
  post(path: string, h: Handler): void {
    this.add("POST", path, h);
  }
  del(path: string, h: Handler): void {
    this.add("DELETE", path, h);
  }

  private add(method: string, path: string, handler: Handler): void {
    this.routes.push({ method, parts: path.split("/").filter(Boolean), handler });
  }

  match(method: string, pathname: string): { handler: Handler; args: Record<string, string> } {
    const segs = pathname.split("/").filter(Boolean).map(decodeURIComponent);
    let pathMatched = false;
    for (const r of this.routes) {
      const args = matchParts(r.parts, segs);
      if (!args) continue;
      pathMatched = true;
      if (r.method === method) return { handler: r.handler, args };
    }
    const msg = pathMatched
      ? `Unrecognized request URL (${method}: ${pathname}). The method is not allowed for this path.`
      : `Unrecognized request URL (${method}: ${pathname}). Please see https://stripe.com/docs.`;
    throw new StripeApiError(404, "invalid_request_error", msg);
  }
}

function matchParts(pattern: string[], segs: string[]): Record<string, string> | null {
  if (pattern.length !== segs.length) return null;
  const args: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const p = pattern[i] as string;
    const s = segs[i] as string;
    if (p.startsWith(":")) args[p.slice(1)] = s;
    else if (p !== s) return null;
  }
  return args;
}

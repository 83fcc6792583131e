import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { getRequestUser, type RequestUser } from "@/lib/auth/request-user";
import { errorResponse } from "./error-response";
import { readJsonBody } from "./read-body";
import { parseWith } from "./parse";
import { observeRequest } from "./observe";
import { clientIp, requestIdFrom } from "./client-ip";
import { enforceRateLimit, RULES } from "@/lib/rate-limit/enforce";
import type { LimitRule } from "@/lib/rate-limit/limiter";

type Access = "public" | "user" | "admin";

export type RouteContext<B, Q, A extends Access> = {
  req: NextRequest;
  requestId: string;
  body: B;
  query: Q;
  params: Record<string, string>;
  user: A extends "public" ? RequestUser | null : RequestUser;
  ip: string;
  userAgent: string;
};

type Options<B, Q, A extends Access> = {
  /** Stable route label for logs and metrics (never the raw path: ids would explode cardinality). */
  name: string;
  auth: A;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  maxBodyBytes?: number;
  /** Per-IP limit for this route; defaults to RULES.api. `false` for endpoints that must never be throttled (webhooks, probes). */
  rateLimit?: LimitRule | false;
};

type Handler<B, Q, A extends Access> = (ctx: RouteContext<B, Q, A>) => Promise<Response | unknown>;

/**
 * The one wrapper every route handler goes through: request id, access check,
 * zod parsing of body and query, AppError → status mapping, structured log line
 * and latency histogram. Handlers stay a few lines: parse → authorize → call a
 * domain function → return its result.
 */
export function route<B = undefined, Q = undefined, A extends Access = Access>(
  opts: Options<B, Q, A>,
  handler: Handler<B, Q, A>,
) {
  return async (req: NextRequest, segment?: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = requestIdFrom(req);
    return observeRequest(req, opts.name, requestId, async () => {
      try {
        const ip = clientIp(req);
        if (opts.rateLimit !== false) await enforceRateLimit(opts.rateLimit ?? RULES.api, `${opts.name}:${ip}`);
        const user = await getRequestUser(req);
        if (opts.auth !== "public" && !user) throw new AppError("unauthorized", "Sign in to continue.");
        if (opts.auth === "admin" && user?.role !== "admin") throw new AppError("forbidden", "Administrators only.");
        const query = opts.query
          ? parseWith(opts.query, Object.fromEntries(req.nextUrl.searchParams), "query")
          : (undefined as Q);
        const body = opts.body
          ? parseWith(opts.body, await readJsonBody(req, opts.maxBodyBytes), "body")
          : (undefined as B);
        const result = await handler({
          req,
          requestId,
          body,
          query,
          params: (await segment?.params) ?? {},
          user: user as RouteContext<B, Q, A>["user"],
          ip,
          userAgent: req.headers.get("user-agent") ?? "",
        });
        const res = result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
        res.headers.set("x-request-id", requestId);
        return res;
      } catch (e) {
        return errorResponse(e, requestId);
      }
    });
  };
}

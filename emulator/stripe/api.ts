import type { IncomingMessage, ServerResponse } from "node:http";
import { API_VERSION, type Core } from "./core";
import { StripeApiError, unauthorized } from "./errors";
import { expand, type Virtuals } from "./expand";
import { fingerprint, parseForm, type Params } from "./form";
import { readBody, sendJson } from "./http";
import { strArr } from "./params";
import type { Router } from "./router";
import { randomId } from "./store";

export type ApiOptions = { acceptKey: (key: string) => boolean };

function apiKey(req: IncomingMessage): string | null {
  const auth = req.headers.authorization ?? "";
  if (auth.startsWith("Bearer ")) return auth.slice(7).trim();
  if (auth.startsWith("Basic ")) return Buffer.from(auth.slice(6), "base64").toString("utf8").split(":")[0] ?? null;
  return null;
}

/**
 * One `/v1` request: authenticate, parse Stripe's form encoding, replay or
 * reject reused Idempotency-Keys, run the handler, apply `expand[]`, and
 * render Stripe's error object on failure.
 */
export async function handleApi(
  core: Core,
  router: Router,
  virtuals: Virtuals,
  opts: ApiOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const requestId = randomId("req", 14);
  const headers = { "request-id": requestId, "stripe-version": API_VERSION };
  const fail = (e: StripeApiError) => sendJson(res, e.status, e.toJSON(), headers);
  const key = apiKey(req);
  if (!key)
    return fail(
      unauthorized(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      ),
    );
  if (!opts.acceptKey(key))
    return fail(
      unauthorized(
        `Invalid API Key provided: ${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
      ),
    );

  const method = req.method ?? "GET";
  let params: Params;
  try {
    const body = method === "POST" ? await readBody(req) : "";
    params = { ...parseForm(url.search.slice(1)), ...parseForm(body) };
  } catch {
    return fail(new StripeApiError(400, "invalid_request_error", "Could not parse the request body."));
  }

  const idemKey = method === "POST" ? ((req.headers["idempotency-key"] as string | undefined) ?? null) : null;
  const store = core.store;
  const idemSlot = idemKey ? `${key}:${idemKey}` : null;
  const print = fingerprint(method, url.pathname, params);
  if (idemSlot) {
    const prior = store.state.idempotency[idemSlot];
    if (prior && prior.fingerprint !== print) {
      return fail(
        new StripeApiError(
          400,
          "idempotency_error",
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.`,
        ),
      );
    }
    if (prior)
      return sendJson(res, prior.status, prior.body, {
        ...headers,
        "idempotent-replayed": "true",
        "original-request": requestId,
      });
  }

  let status = 200;
  let body: string;
  try {
    const { handler, args } = router.match(method, url.pathname);
    const ctx = { ...core, request: { id: requestId, idempotency_key: idemKey } };
    const result = handler(ctx, params, args);
    body = JSON.stringify(expand(ctx, result, strArr(params, "expand"), virtuals), null, 2);
  } catch (e) {
    if (!(e instanceof StripeApiError)) {
      console.error("[stripe-emulator] internal error", e);
      return sendJson(
        res,
        500,
        new StripeApiError(500, "api_error", `Emulator error: ${(e as Error).message}`).toJSON(),
        headers,
      );
    }
    status = e.status;
    body = JSON.stringify(e.toJSON(), null, 2);
  }
  // Stripe remembers the outcome of a keyed request once it ran (success, or a card decline);
  // a request rejected by validation is not saved, so it can be fixed and retried with the same key.
  if (idemSlot && (status === 200 || status === 402)) {
    store.state.idempotency[idemSlot] = { fingerprint: print, status, body };
    store.touch();
  }
  sendJson(res, status, body, headers);
}

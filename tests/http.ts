import { NextRequest } from "next/server";

type Init = { method?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string | Buffer };

/** Builds a NextRequest as the Next server would hand it to a route handler. */
export function request(path: string, init: Init = {}): NextRequest {
  const headers = new Headers(init.headers);
  let body: BodyInit | undefined;
  if (init.rawBody !== undefined) body = init.rawBody as BodyInit;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return new NextRequest(new URL(path, "http://localhost:3000"), {
    method: init.method ?? (body ? "POST" : "GET"),
    headers,
    body,
  });
}

export function params<T extends Record<string, string>>(p: T) {
  return { params: Promise.resolve(p) };
}

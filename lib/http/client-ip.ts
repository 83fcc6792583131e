import { env } from "@/lib/env";

/**
 * The caller's address, for rate limits, lockouts and the audit log. Next fills
 * X-Forwarded-For with the socket address only when the header is absent, and each
 * reverse proxy appends the address it saw, so the leftmost entries are whatever the
 * client sent. Count TRUSTED_PROXY_COUNT entries from the right instead: the entry
 * our outermost proxy appended (or the socket address Next set) is the one no client
 * can choose.
 */
export function clientIp(req: Request, proxies = env().TRUSTED_PROXY_COUNT): string {
  const chain = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length) return chain[Math.max(0, chain.length - Math.max(proxies, 1))]!;
  return req.headers.get("x-real-ip")?.trim() || "127.0.0.1";
}

/** A client-supplied X-Request-Id is kept only when it looks like one (it reaches every log line). */
export function requestIdFrom(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : crypto.randomUUID();
}

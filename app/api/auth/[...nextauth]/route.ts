import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { clientIp } from "@/lib/http/route";
import { errorResponse } from "@/lib/http/error-response";
import { enforceRateLimit, RULES } from "@/lib/rate-limit/enforce";

// Auth.js answers with its own redirects and cookies, so it is not wrapped in route();
// sign-in posts still get the per-IP auth limit (lockout per email/IP lives in verifyCredentials).
export const GET = handlers.GET;

export async function POST(req: NextRequest) {
  try {
    await enforceRateLimit(RULES.auth, `authjs:${clientIp(req)}`);
  } catch (e) {
    return errorResponse(e, req.headers.get("x-request-id") ?? crypto.randomUUID());
  }
  return handlers.POST(req);
}

import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { clientIp, requestIdFrom } from "@/lib/http/client-ip";
import { errorResponse } from "@/lib/http/error-response";
import { observeRequest } from "@/lib/http/observe";
import { enforceRateLimit, RULES } from "@/lib/rate-limit/enforce";

// Auth.js answers with its own redirects and cookies, so it is not wrapped in route();
// it still gets the request log line and histogram, and sign-in posts the per-IP auth
// limit (lockout per email/IP lives in verifyCredentials).
export async function GET(req: NextRequest) {
  return observeRequest(req, "authjs", requestIdFrom(req), () => handlers.GET(req));
}

export async function POST(req: NextRequest) {
  const requestId = requestIdFrom(req);
  return observeRequest(req, "authjs", requestId, async () => {
    try {
      await enforceRateLimit(RULES.auth, `authjs:${clientIp(req)}`);
    } catch (e) {
      return errorResponse(e, requestId);
    }
    return handlers.POST(req);
  });
}

import { NextResponse } from "next/server";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { STATUS_BY_CODE } from "./status";

/** JSON error body: `{ error: { code, message, ...details } }`; unknown errors never leak their text. */
export function errorResponse(e: unknown, requestId: string): NextResponse {
  if (isAppError(e)) {
    const res = NextResponse.json(
      { error: { code: e.code, message: e.message, ...e.details } },
      { status: STATUS_BY_CODE[e.code] },
    );
    if (e.retryAfter) res.headers.set("retry-after", String(e.retryAfter));
    res.headers.set("x-request-id", requestId);
    return res;
  }
  logger.error({ err: e, requestId }, "unhandled error");
  const res = NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on our side. Please try again.", requestId } },
    { status: 500 },
  );
  res.headers.set("x-request-id", requestId);
  return res;
}

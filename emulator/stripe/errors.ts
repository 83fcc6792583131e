/** Stripe's error object, thrown by handlers and rendered by the server with its status. */
export type StripeErrorType =
  "invalid_request_error" | "authentication_error" | "card_error" | "idempotency_error" | "api_error";

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    message: string,
    readonly extra: { code?: string; param?: string; decline_code?: string; payment_intent?: unknown } = {},
  ) {
    super(message);
  }

  toJSON(): { error: Record<string, unknown> } {
    const { code, param, decline_code, payment_intent } = this.extra;
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}` } : {}),
        ...(param ? { param } : {}),
        ...(decline_code ? { decline_code } : {}),
        ...(payment_intent ? { payment_intent } : {}),
      },
    };
  }
}

export function invalid(message: string, param?: string, code = "parameter_invalid"): StripeApiError {
  return new StripeApiError(400, "invalid_request_error", message, { code, ...(param ? { param } : {}) });
}

export function missingParam(param: string): StripeApiError {
  return new StripeApiError(400, "invalid_request_error", `Missing required param: ${param}.`, {
    code: "parameter_missing",
    param,
  });
}

export function notFound(kind: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError(404, "invalid_request_error", `No such ${kind}: '${id}'`, {
    code: "resource_missing",
    param,
  });
}

export function unauthorized(message: string): StripeApiError {
  return new StripeApiError(401, "authentication_error", message);
}

import { expect } from "vitest";

/** Asserts a Stripe SDK call fails with Stripe's status, error type and (optionally) code and param. */
export async function expectStripeError(
  p: Promise<unknown>,
  want: { status: number; type: string; code?: string; param?: string; decline_code?: string },
) {
  const err = (await p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  )) as { statusCode?: number; type?: string; rawType?: string; code?: string; param?: string; decline_code?: string };
  expect(err.statusCode).toBe(want.status);
  expect(err.rawType ?? err.type).toBe(want.type);
  if (want.code) expect(err.code).toBe(want.code);
  if (want.param) expect(err.param).toBe(want.param);
  if (want.decline_code) expect(err.decline_code).toBe(want.decline_code);
}

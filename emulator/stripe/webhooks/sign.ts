import { createHmac } from "node:crypto";

/**
 * Stripe's scheme: HMAC-SHA256 over `${t}.${payload}` keyed with the whole
 * `whsec_…` string, sent as `Stripe-Signature: t=…,v1=…`. The timestamp is
 * wall-clock time, never the emulated clock, or `constructEvent`'s tolerance check would fail.
 */
export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

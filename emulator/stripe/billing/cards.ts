/**
 * Stripe's documented test cards and what each does here. Anything else that
 * passes the Luhn check behaves like 4242.
 */
export type CardOutcome =
  | { kind: "success" }
  | { kind: "decline"; code: string; declineCode: string; message: string }
  | { kind: "requires_action" }
  | { kind: "attach_then_fail" };

export const TEST_CARDS: { number: string; label: string; outcome: CardOutcome }[] = [
  { number: "4242424242424242", label: "Succeeds", outcome: { kind: "success" } },
  {
    number: "4000000000000002",
    label: "Declined (card_declined)",
    outcome: {
      kind: "decline",
      code: "card_declined",
      declineCode: "generic_decline",
      message: "Your card was declined.",
    },
  },
  {
    number: "4000000000009995",
    label: "Declined (insufficient_funds)",
    outcome: {
      kind: "decline",
      code: "card_declined",
      declineCode: "insufficient_funds",
      message: "Your card has insufficient funds.",
    },
  },
  { number: "4000002500003155", label: "Requires 3-D Secure authentication", outcome: { kind: "requires_action" } },
  { number: "4000000000000341", label: "Attaches, but every charge fails", outcome: { kind: "attach_then_fail" } },
  { number: "4000000000000259", label: "Succeeds, then is disputed (fraudulent)", outcome: { kind: "success" } },
];

/** Cards whose every successful charge is disputed right after it (Stripe's `charge.dispute.created`). */
export const DISPUTED_CARDS = new Set(["4000000000000259"]);

export function normalizeCard(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export function luhnValid(num: string): boolean {
  if (!/^\d{12,19}$/.test(num)) return false;
  let sum = 0;
  for (let i = 0; i < num.length; i += 1) {
    let d = Number(num[num.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardOutcome(num: string): CardOutcome {
  return TEST_CARDS.find((c) => c.number === num)?.outcome ?? { kind: "success" };
}

/** Outcome of charging a saved card off-session (renewals, retries). */
export function offSessionOutcome(num: string): CardOutcome {
  const o = cardOutcome(num);
  // 3155 needs authentication only on-session; once set up, renewals go through (as on Stripe).
  if (o.kind === "requires_action") return { kind: "success" };
  if (o.kind === "attach_then_fail") {
    return {
      kind: "decline",
      code: "card_declined",
      declineCode: "generic_decline",
      message: "Your card was declined.",
    };
  }
  return o;
}

export function brandOf(num: string): string {
  if (num.startsWith("4")) return "visa";
  if (/^5[1-5]/.test(num) || /^2[2-7]/.test(num)) return "mastercard";
  if (/^3[47]/.test(num)) return "amex";
  return "unknown";
}

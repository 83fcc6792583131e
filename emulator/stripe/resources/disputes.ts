import type Stripe from "stripe";
import type { Router } from "../router";
import type { Ctx } from "../core";
import { invalid, notFound } from "../errors";
import { emit, snapshot } from "../events";
import { paginate, createdFilter } from "../list";
import { mergeMetadata, obj, str } from "../params";
import { randomId } from "../store";
import type { StoredObject } from "../types";
import type { Params } from "../form";
import type { ChargeObj } from "../billing/pay";

export type DisputeObj = Stripe.Dispute & StoredObject;

/** Stripe's test-mode evidence strings that decide a dispute as soon as it is submitted. */
const WINNING = "winning_evidence";
const LOSING = "losing_evidence";

/**
 * Opens a dispute on a succeeded charge, as Stripe does for charges made with
 * 4000 0000 0000 0259 (`fraudulent`, `needs_response`): `charge.dispute.created`.
 */
export function openDispute(ctx: Ctx, charge: ChargeObj): DisputeObj {
  const now = ctx.store.now();
  const dispute = {
    id: randomId("dp"),
    object: "dispute",
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: { uncategorized_text: null },
    evidence_details: { due_by: now + 7 * 86_400, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method_details: {
      card: { brand: "visa", case_type: "chargeback", network_reason_code: "10.4" },
      type: "card",
    },
    reason: "fraudulent",
    status: "needs_response",
  } as unknown as DisputeObj;
  ctx.store.put(dispute);
  charge.disputed = true;
  ctx.store.put(charge);
  emit(ctx, "charge.dispute.created", dispute);
  return dispute;
}

function getDispute(ctx: Ctx, id: string): DisputeObj {
  const d = ctx.store.get<DisputeObj>(id, "dispute");
  if (!d) throw notFound("dispute", id);
  return d;
}

function close(ctx: Ctx, d: DisputeObj, status: "won" | "lost"): void {
  const before = snapshot(d);
  d.status = status;
  d.evidence_details.has_evidence = status === "won" || d.evidence_details.has_evidence;
  ctx.store.put(d);
  emit(ctx, "charge.dispute.closed", d, before);
}

function isOpen(d: DisputeObj): boolean {
  return d.status === "needs_response" || d.status === "warning_needs_response" || d.status === "under_review";
}

/** Update with evidence: `winning_evidence` / `losing_evidence` decide it at once, like Stripe's test mode. */
function updateDispute(ctx: Ctx, id: string, p: Params): DisputeObj {
  const d = getDispute(ctx, id);
  if (!isOpen(d)) throw invalid(`This dispute is already closed (${d.status}).`, undefined, "dispute_already_closed");
  d.metadata = mergeMetadata(d.metadata ?? {}, p);
  const text = str(obj(p, "evidence") ?? {}, "uncategorized_text");
  if (text !== undefined) d.evidence = { ...d.evidence, uncategorized_text: text };
  ctx.store.put(d);
  if (text === WINNING) close(ctx, d, "won");
  else if (text === LOSING) close(ctx, d, "lost");
  return d;
}

export function registerDisputes(r: Router): void {
  r.get("/v1/disputes/:id", (ctx, _p, a) => getDispute(ctx, a.id as string));
  r.get("/v1/disputes", (ctx, p) => {
    const charge = str(p, "charge");
    const pi = str(p, "payment_intent");
    const created = createdFilter(p);
    const items = ctx.store
      .all<DisputeObj>("dispute")
      .filter((x) => !charge || x.charge === charge)
      .filter((x) => !pi || x.payment_intent === pi)
      .filter((x) => created(x.created));
    return paginate(items, p, "/v1/disputes");
  });
  r.post("/v1/disputes/:id", (ctx, p, a) => updateDispute(ctx, a.id as string, p));
  /** Accepting a dispute loses it. */
  r.post("/v1/disputes/:id/close", (ctx, _p, a) => {
    const d = getDispute(ctx, a.id as string);
    if (isOpen(d)) close(ctx, d, "lost");
    return d;
  });
}

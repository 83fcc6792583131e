import type Stripe from "stripe";
import type { Router } from "../router";
import type { Ctx } from "../core";
import { invalid, notFound } from "../errors";
import { emit, snapshot } from "../events";
import { paginate, createdFilter } from "../list";
import { bool, int, mergeMetadata, obj, oneOf, reqStr, str, strArr } from "../params";
import { randomId } from "../store";
import type { StoredObject } from "../types";
import type { Params } from "../form";
import { createProduct, getProduct } from "./products";

type PriceObj = Stripe.Price & StoredObject;

export function getPrice(ctx: Ctx, id: string, param = "id"): Stripe.Price {
  const price = ctx.store.get<PriceObj>(id, "price");
  if (!price) throw notFound("price", id, param);
  return price;
}

const INTERVALS = ["day", "week", "month", "year"] as const;

/** Also used for checkout's inline `price_data` (those prices are created inactive, as on Stripe). */
export function createPrice(ctx: Ctx, p: Params, inline = false): Stripe.Price {
  const currency = reqStr(p, "currency").toLowerCase();
  const unitAmount = int(p, "unit_amount");
  if (unitAmount === undefined)
    throw invalid("Missing required param: unit_amount.", "unit_amount", "parameter_missing");
  if (unitAmount < 0) throw invalid("Invalid unit_amount: must be non-negative", "unit_amount");
  let productId = str(p, "product");
  const productData = obj(p, "product_data");
  if (productId) getProduct(ctx, productId, "product");
  else if (productData) productId = createProduct(ctx, { ...productData, name: reqStr(productData, "name") }).id;
  else throw invalid("Missing required param: product.", "product", "parameter_missing");
  const rec = obj(p, "recurring");
  let recurring: Stripe.Price.Recurring | null = null;
  if (rec) {
    const interval = oneOf(rec, "interval", INTERVALS);
    if (!interval)
      throw invalid("Missing required param: recurring[interval].", "recurring[interval]", "parameter_missing");
    recurring = {
      interval,
      interval_count: int(rec, "interval_count") ?? 1,
      meter: null,
      trial_period_days: int(rec, "trial_period_days") ?? null,
      usage_type: "licensed",
    };
  }
  const lookupKey = str(p, "lookup_key") ?? null;
  if (lookupKey && bool(p, "transfer_lookup_key")) {
    for (const other of ctx.store.all<PriceObj>("price")) if (other.lookup_key === lookupKey) other.lookup_key = null;
  } else if (lookupKey && ctx.store.all<PriceObj>("price").some((x) => x.lookup_key === lookupKey)) {
    throw invalid(
      `A price (\`${ctx.store.all<PriceObj>("price").find((x) => x.lookup_key === lookupKey)?.id}\`) already uses that lookup key.`,
      "lookup_key",
    );
  }
  const price: Stripe.Price = {
    id: randomId("price"),
    object: "price",
    active: inline ? false : (bool(p, "active") ?? true),
    billing_scheme: "per_unit",
    created: ctx.store.now(),
    currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: lookupKey,
    metadata: mergeMetadata({}, p),
    nickname: str(p, "nickname") ?? null,
    product: productId,
    recurring,
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? "recurring" : "one_time",
    unit_amount: unitAmount,
    // On the wire a decimal is a string; the SDK turns it into its Decimal type.
    unit_amount_decimal: String(unitAmount) as unknown as Stripe.Price["unit_amount_decimal"],
  };
  ctx.store.put(price as PriceObj);
  emit(ctx, "price.created", price as PriceObj);
  return price;
}

export function registerPrices(r: Router): void {
  r.post("/v1/prices", (ctx, p) => createPrice(ctx, p));
  r.get("/v1/prices/:id", (ctx, _p, a) => getPrice(ctx, a.id as string));
  r.post("/v1/prices/:id", (ctx, p, a) => {
    const price = getPrice(ctx, a.id as string);
    const before = snapshot(price);
    const active = bool(p, "active");
    if (active !== undefined) price.active = active;
    const nickname = str(p, "nickname");
    if (nickname !== undefined) price.nickname = nickname || null;
    const lookupKey = str(p, "lookup_key");
    if (lookupKey !== undefined) price.lookup_key = lookupKey || null;
    price.metadata = mergeMetadata(price.metadata, p);
    ctx.store.touch();
    emit(ctx, "price.updated", price as PriceObj, before as PriceObj);
    return price;
  });
  r.get("/v1/prices", (ctx, p) => {
    const active = bool(p, "active");
    const product = str(p, "product");
    const type = str(p, "type");
    const currency = str(p, "currency");
    const lookupKeys = strArr(p, "lookup_keys");
    const created = createdFilter(p);
    const items = ctx.store
      .all<PriceObj>("price")
      .filter((x) => active === undefined || x.active === active)
      .filter((x) => !product || x.product === product)
      .filter((x) => !type || x.type === type)
      .filter((x) => !currency || x.currency === currency)
      .filter((x) => !lookupKeys.length || (x.lookup_key !== null && lookupKeys.includes(x.lookup_key)))
      .filter((x) => created(x.created));
    return paginate(items, p, "/v1/prices");
  });
}

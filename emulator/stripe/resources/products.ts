import type Stripe from "stripe";
import type { Router } from "../router";
import type { Ctx } from "../core";
import { invalid, notFound } from "../errors";
import { emit, snapshot } from "../events";
import { paginate, createdFilter } from "../list";
import { bool, mergeMetadata, reqStr, str, strArr } from "../params";
import { randomId } from "../store";
import type { StoredObject } from "../types";

export function getProduct(ctx: Ctx, id: string, param = "id"): Stripe.Product {
  const p = ctx.store.get<Stripe.Product & StoredObject>(id, "product");
  if (!p) throw notFound("product", id, param);
  return p;
}

/** Products are also created inline by `prices.create({ product_data })`. */
export function createProduct(ctx: Ctx, p: Record<string, unknown> & { name: string }): Stripe.Product {
  const now = ctx.store.now();
  if (typeof p.id === "string" && p.id && ctx.store.get(p.id)) {
    throw invalid(`Product already exists.`, "id", "resource_already_exists");
  }
  const product: Stripe.Product = {
    id: typeof p.id === "string" && p.id ? p.id : randomId("prod", 14),
    object: "product",
    active: p.active !== "false",
    created: now,
    default_price: null,
    description: typeof p.description === "string" ? p.description : null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: (p.metadata as Record<string, string>) ?? {},
    name: p.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: "service",
    unit_label: null,
    updated: now,
    url: null,
  };
  ctx.store.put(product as Stripe.Product & StoredObject);
  emit(ctx, "product.created", product as Stripe.Product & StoredObject);
  return product;
}

export function registerProducts(r: Router): void {
  r.post("/v1/products", (ctx, p) =>
    createProduct(ctx, { ...p, name: reqStr(p, "name"), metadata: mergeMetadata({}, p) }),
  );
  r.get("/v1/products/:id", (ctx, _p, a) => getProduct(ctx, a.id as string));
  r.post("/v1/products/:id", (ctx, p, a) => {
    const product = getProduct(ctx, a.id as string);
    const before = snapshot(product);
    const name = str(p, "name");
    if (name) product.name = name;
    const description = str(p, "description");
    if (description !== undefined) product.description = description || null;
    const active = bool(p, "active");
    if (active !== undefined) product.active = active;
    const defaultPrice = str(p, "default_price");
    if (defaultPrice !== undefined) product.default_price = defaultPrice || null;
    product.metadata = mergeMetadata(product.metadata, p);
    product.updated = ctx.store.now();
    ctx.store.touch();
    emit(ctx, "product.updated", product as Stripe.Product & StoredObject, before as Stripe.Product & StoredObject);
    return product;
  });
  r.get("/v1/products", (ctx, p) => {
    const active = bool(p, "active");
    const ids = strArr(p, "ids");
    const created = createdFilter(p);
    const items = ctx.store
      .all<Stripe.Product & StoredObject>("product")
      .filter((x) => (active === undefined || x.active === active) && (!ids.length || ids.includes(x.id)))
      .filter((x) => created(x.created));
    return paginate(items, p, "/v1/products");
  });
}

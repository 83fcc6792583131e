import type { Ctx } from "../core";
import { invalid } from "../errors";
import { emit, snapshot } from "../events";
import type { ParamValue } from "../form";
import { bool, int, str } from "../params";
import { getPrice } from "../resources/prices";
import { switchPrice } from "./lifecycle";
import { buildItem, currentPeriod, type SubscriptionObj } from "./subscription";

type Proration = "create_prorations" | "none" | "always_invoice";

/**
 * `subscriptions.update({ items })` as Stripe reads it: an entry with an `id`
 * changes (or with `deleted` removes) that item; an entry without one ADDS an
 * item. Forgetting the id is a classic bug that leaves a customer paying for two
 * plans, so the emulator reproduces it rather than guessing.
 */
export function applyItems(ctx: Ctx, sub: SubscriptionObj, items: ParamValue[], proration: Proration): void {
  items.forEach((raw, i) => {
    if (typeof raw !== "object" || Array.isArray(raw)) throw invalid(`Invalid items[${i}]`, `items[${i}]`);
    const itemId = str(raw, "id");
    const priceId = str(raw, "price");
    const price = priceId ? getPrice(ctx, priceId, `items[${i}][price]`) : undefined;
    if (price && price.type !== "recurring") {
      throw invalid(
        "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.",
        `items[${i}][price]`,
      );
    }
    if (itemId) {
      const item = sub.items.data.find((x) => x.id === itemId);
      if (!item) throw invalid(`No such subscription item: '${itemId}'`, `items[${i}][id]`, "resource_missing");
      if (bool(raw, "deleted")) {
        if (sub.items.data.length === 1)
          throw invalid("A subscription must have at least one active plan.", `items[${i}][deleted]`);
        const before = snapshot(sub);
        sub.items.data = sub.items.data.filter((x) => x.id !== itemId);
        emit(ctx, "customer.subscription.updated", sub, before);
        return;
      }
      const quantity = int(raw, "quantity") ?? item.quantity ?? 1;
      const next = price ?? item.price;
      if (next.id !== item.price.id || quantity !== item.quantity)
        switchPrice(ctx, sub, item, next, quantity, proration);
      return;
    }
    if (!price) throw invalid(`Missing required param: items[${i}][price].`, `items[${i}][price]`, "parameter_missing");
    const first = sub.items.data[0];
    if (sub.items.data.some((x) => x.price.id === price.id)) {
      throw invalid("Cannot add multiple subscription items with the same price.", `items[${i}][price]`);
    }
    if (
      first &&
      (first.price.recurring?.interval !== price.recurring?.interval || first.price.currency !== price.currency)
    ) {
      throw invalid(
        "Currency and interval fields must match across all plans on this subscription.",
        `items[${i}][price]`,
      );
    }
    const before = snapshot(sub);
    const period = currentPeriod(sub);
    sub.items.data.push(buildItem(sub.id, price, int(raw, "quantity") ?? 1, period.start, period.end, ctx.store.now()));
    emit(ctx, "customer.subscription.updated", sub, before);
  });
  (sub.items as unknown as { total_count: number }).total_count = sub.items.data.length;
  ctx.store.touch();
}

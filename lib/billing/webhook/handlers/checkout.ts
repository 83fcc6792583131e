import { expireCheckoutSession, failCheckoutSession, fulfilCheckoutSession } from "../../fulfil-checkout";
import { objectOf, type EventHandler } from "./types";

/** checkout.session.completed and async_payment_succeeded: the same exactly-once fulfilment as the success page. */
export const checkoutCompleted: EventHandler = async (event, tx) => {
  await fulfilCheckoutSession(objectOf(event).id, tx);
};

export const checkoutAsyncPaymentFailed: EventHandler = async (event, tx) => {
  await failCheckoutSession(objectOf(event).id, tx);
};

export const checkoutExpired: EventHandler = async (event, tx) => {
  await expireCheckoutSession(objectOf(event).id, tx);
};

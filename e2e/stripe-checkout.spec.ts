import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import type Stripe from "stripe";
import { seedCatalog, startTestBed } from "../emulator/stripe/testing";

/**
 * The emulator's hosted checkout in a real browser: no app server needed. The
 * spec starts its own emulator on a random port with a verifying webhook
 * receiver, and a one-route "shop" that success_url points to.
 */
let bed: Awaited<ReturnType<typeof startTestBed>>;
let shop: http.Server;
let shopUrl: string;

test.beforeAll(async () => {
  bed = await startTestBed();
  shop = http.createServer((req, res) => {
    const id = new URL(req.url ?? "/", "http://shop").searchParams.get("session_id") ?? "";
    res
      .writeHead(200, { "content-type": "text/html" })
      .end(`<h1>Thanks!</h1><p data-testid="session">${id.replace(/[^\w]/g, "")}</p>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await bed?.close();
  shop?.closeAllConnections();
  await new Promise((resolve) => shop?.close(resolve));
});

test("subscription checkout with 4242 lands on success_url and delivers signed events in order", async ({ page }) => {
  const { monthly, setupFee } = await seedCatalog(bed.stripe);
  await bed.emu.idle();
  bed.receiver.events.length = 0;
  const session = await bed.stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [
      { price: monthly.id, quantity: 1 },
      { price: setupFee.id, quantity: 1 },
    ],
    customer_email: "e2e@example.com",
    success_url: `${shopUrl}/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${shopUrl}/pricing`,
  });

  await page.goto(session.url as string);
  await expect(page.getByTestId("total")).toHaveText("$78.00");
  await expect(page.getByLabel("Email")).toHaveValue("e2e@example.com");
  // A decline first: the message shows and the buyer can try again on the same page.
  await page.getByLabel("Card number").fill("4000 0000 0000 0002");
  await page.getByTestId("submit").click();
  await expect(page.getByRole("alert")).toHaveText("Your card was declined.");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Name on card").fill("E2E Buyer");
  await page.getByTestId("submit").click();

  await expect(page).toHaveURL(`${shopUrl}/success?session_id=${session.id}`);
  await expect(page.getByTestId("session")).toHaveText(session.id);

  await expect.poll(() => bed.receiver.events.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(9);
  await bed.emu.idle();
  expect(bed.receiver.rejected).toBe(0);
  expect(bed.receiver.events.map((e) => e.type)).toEqual([
    "customer.created",
    "checkout.session.completed",
    "customer.subscription.created",
    "invoice.created",
    "invoice.finalized",
    "invoice.paid",
    "invoice.payment_succeeded",
    "payment_intent.succeeded",
    "charge.succeeded",
  ]);
  const completed = bed.receiver.events[1]?.data.object as Stripe.Checkout.Session;
  expect(completed).toMatchObject({ id: session.id, status: "complete", payment_status: "paid" });
  const sub = await bed.stripe.subscriptions.retrieve(completed.subscription as string);
  expect(sub.status).toBe("active");
});

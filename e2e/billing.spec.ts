import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { catalogue, PLANS } from "../lib/billing/plans";
import { expect, test } from "./fixtures";

/**
 * The whole purchase in a browser against the app and its Stripe emulator:
 * pricing → register → back to the chosen plan → checkout form → the emulator's
 * hosted checkout pays with 4242 → the success page shows the queued audit.
 */
const EMULATOR_PORT = Number(process.env.E2E_STRIPE_PORT ?? 12112);
let site: http.Server;
let siteUrl: string;

test.beforeAll(async () => {
  // The e2e server starts with an empty emulator: create the catalogue the way `npm run stripe:sync` does.
  const stripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: EMULATOR_PORT, protocol: "http" });
  const entries = catalogue();
  const existing = await stripe.prices.list({ lookup_keys: entries.map((e) => e.lookupKey), limit: 100 });
  const have = new Set(existing.data.map((p) => p.lookup_key));
  const products = new Map<string, string>();
  for (const e of entries) {
    if (have.has(e.lookupKey)) continue;
    if (!products.has(e.plan)) {
      products.set(e.plan, (await stripe.products.create({ name: `SEO Health Report ${PLANS[e.plan].name}` })).id);
    }
    await stripe.prices.create({
      product: products.get(e.plan)!,
      currency: "usd",
      unit_amount: e.unitAmount,
      lookup_key: e.lookupKey,
      ...(e.interval ? { recurring: { interval: e.interval } } : {}),
    });
  }
  // A tiny site for the first audit to crawl.
  site = http.createServer((_req, res) => {
    res
      .writeHead(200, { "content-type": "text/html" })
      .end("<html><head><title>Shop</title></head><body>Hi</body></html>");
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  site?.closeAllConnections();
  await new Promise((resolve) => site?.close(resolve));
});

test("register → pricing → Pro → pay with 4242 → success page shows the queued audit", async ({ page, account }) => {
  await page.goto("/pricing");
  await expect(page.getByTestId("price-pro")).toHaveText("$2,500");
  // The interval toggle is a link: annual prices and savings without JavaScript.
  await page.getByTestId("interval-year").click();
  await expect(page).toHaveURL(/interval=year/);
  await expect(page.getByTestId("price-pro")).toHaveText("$25,000");
  await expect(page.getByTestId("saving-pro")).toContainText("save $5,000");
  await page.getByTestId("interval-month").click();
  await expect(page.getByTestId("price-pro")).toHaveText("$2,500");

  // Anonymous: choosing a plan goes to register, which comes back to the same plan.
  await page.getByTestId("choose-pro").click();
  await expect(page).toHaveURL(/\/register\?callbackUrl=/);
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/pricing\?plan=pro&interval=month/);

  const form = page.getByTestId("checkout-form");
  await expect(form).toBeVisible();
  // Too many competitors for Pro: the server's 400 shows next to the field.
  await form.getByLabel("Site URL").fill(siteUrl);
  await form.getByLabel("Keywords").fill("widgets, gadgets");
  await form
    .getByLabel("Competitors")
    .fill("https://a.example\nhttps://b.example\nhttps://c.example\nhttps://d.example");
  await form.getByTestId("checkout-submit").click();
  await expect(form.getByRole("alert")).toContainText("at most 3 competitors");
  await form.getByLabel("Competitors").fill("https://rival.example");
  await expect(form).toContainText("$3,000"); // $2,500 + $500 setup due today
  await form.getByTestId("checkout-submit").click();

  // The emulator's hosted checkout (plain HTML form).
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${EMULATOR_PORT}/`));
  await expect(page.getByTestId("total")).toHaveText("$3,000.00");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Name on card").fill(account.name);
  await page.getByTestId("submit").click();

  await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_/);
  await expect(page.getByRole("heading", { name: /Payment received/ })).toBeVisible();
  await expect(page.getByTestId("checkout-success")).toContainText(siteUrl);
  await expect(page.getByTestId("audit-status")).toHaveText(/pending|running|completed/);

  // Billing page: plan, credits, the invoice PDF link.
  await page.goto("/dashboard/billing");
  await expect(page.getByTestId("current-plan")).toContainText("Pro");
  await expect(page.getByTestId("current-plan")).toContainText("9 of 10");
  // The invoice is mirrored when the emulator's invoice.paid webhook reaches the app.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("invoice-pdf").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const pdf = await page.request.get((await page.getByTestId("invoice-pdf").first().getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // Already subscribed: a second checkout is refused with the portal instead.
  await page.goto("/pricing?plan=basic&interval=month");
  await page.getByLabel("Site URL").fill(siteUrl);
  await page.getByTestId("checkout-submit").click();
  await expect(page.getByTestId("checkout-form").getByRole("alert")).toContainText("already have a subscription");
  // The portal button is a plain link: the app redirects it to the (emulated) Stripe customer portal.
  await page.getByRole("link", { name: "Manage your subscription" }).click();
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${EMULATOR_PORT}/`));
  await expect(page.locator("body")).toContainText("Pro");
});

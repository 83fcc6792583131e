import { expect, test } from "./fixtures";

test("landing page renders with navigation and security headers", async ({ page }) => {
  const res = await page.goto("/");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("search");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pricing" })).toBeVisible();
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
});

test("health and readiness answer", async ({ request }) => {
  expect((await request.get("/health")).status()).toBe(200);
  const ready = await request.get("/ready");
  const body = await ready.json();
  expect(body.checks.find((c: { name: string }) => c.name === "database").ok).toBe(true);
  expect(ready.status()).toBe(200);
});

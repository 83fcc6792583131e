import { test as base, expect, type Page } from "@playwright/test";

export type Account = { email: string; password: string; name: string };

let counter = 0;

/** A unique user per test so specs never depend on each other's data. */
export function newAccount(prefix = "user"): Account {
  counter += 1;
  return {
    email: `${prefix}-${Date.now()}-${counter}@example.com`,
    password: `Correct-Horse-${Date.now()}-Battery`,
    name: `Test ${prefix} ${counter}`,
  };
}

export const test = base.extend<{ account: Account }>({
  account: async ({}, use) => {
    await use(newAccount());
  },
});

/** Reads the newest outbox email to `to` (dev outbox page) and returns its plain-text part. */
export async function latestEmailText(page: Page, to: string, subject: RegExp): Promise<string> {
  await page.goto("/dev/outbox");
  const row = page.locator("tr", { hasText: to }).filter({ hasText: subject }).first();
  await row.getByRole("link").click();
  return (await page.getByTestId("email-text").textContent()) ?? "";
}

export { expect };

import { expect, latestEmailText, test } from "./fixtures";
import type { Page } from "@playwright/test";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
}

test("register, sign out, sign in, reset the password, delete the account", async ({ page, account }) => {
  const newPassword = `${account.password}-Renewed`;

  // Register: the browser is signed in straight away.
  await page.goto("/register");
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

  await signOut(page);

  // Protected pages send us to sign-in and back.
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("Definitely-Wrong-Password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Account settings" })).toBeVisible();
  await signOut(page);

  // Reset the password through the email.
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("If an account exists for that email")).toBeVisible();
  const text = await latestEmailText(page, account.email, /Reset your/);
  const link = /(https?:\/\/\S+\/reset-password\?token=\S+)/.exec(text)?.[1];
  expect(link, "reset link in the email").toBeTruthy();
  const url = new URL(link!);
  await page.goto(url.pathname + url.search);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the new password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your password was changed")).toBeVisible();

  // The old password no longer works; the new one does.
  await signIn(page, account.email, account.password);
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await signIn(page, account.email, newPassword);
  await expect(page).toHaveURL(/\/dashboard$/);

  // Delete the account from settings.
  await page.goto("/settings");
  await page.getByRole("button", { name: "Delete my account…" }).click();
  await page.getByLabel("Enter your password to confirm").fill(newPassword);
  await page.getByRole("button", { name: "Delete my account permanently" }).click();
  await expect(page).toHaveURL(/\/\?account=deleted$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();

  // Erased: the credentials are gone.
  await signIn(page, account.email, newPassword);
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
});

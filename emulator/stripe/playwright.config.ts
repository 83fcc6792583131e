import { defineConfig } from "@playwright/test";

/**
 * Runs only the emulator's browser spec, without building or starting the app:
 * `npx playwright test -c emulator/stripe/playwright.config.ts`.
 * (The repo's playwright.config.ts runs it too, beside the app's specs.)
 */
export default defineConfig({
  testDir: "../../e2e",
  testMatch: "stripe-checkout.spec.ts",
  workers: 1,
  timeout: 60_000,
  reporter: "list",
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});

import { defineConfig } from "@playwright/test";
import { findChromium } from "./scripts/lib/find-chromium";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const EMULATOR_PORT = Number(process.env.E2E_STRIPE_PORT ?? 12112);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PW_JSON_OUTPUT ? [["list"], ["json", { outputFile: process.env.PW_JSON_OUTPUT }]] : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The production server on embedded defaults, in a data directory of its own that starts empty.
    command: "node --import tsx scripts/e2e-server.ts",
    url: `${baseURL}/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      APP_URL: baseURL,
      APP_DEMO: "1",
      AUTH_SECRET: "e2e-auth-secret-that-is-long-enough-123",
      PGLITE_DIR: ".data/e2e/pglite",
      STRIPE_EMULATOR_URL: `http://127.0.0.1:${EMULATOR_PORT}`,
      STRIPE_EMULATOR_DATA: ".data/e2e/stripe-emulator.json",
      AUDIT_ALLOW_PRIVATE_NETWORKS: "1",
      LOG_LEVEL: "warn",
    },
  },
});

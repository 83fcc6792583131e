import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findChromium } from "./lib/find-chromium";
import { needsBuild } from "./lib/needs-build";

/**
 * `npm test`: unit + integration (vitest) then end-to-end (Playwright), with one
 * closing line `N passed, N failed` over every suite. A missing browser skips
 * e2e loudly, and fails the run when E2E_REQUIRED=1 (CI).
 */
type Tally = { name: string; passed: number; failed: number; skipped: number; ran: boolean };
const out = path.resolve(".data/test-results");
fs.mkdirSync(out, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
const bin = (name: string) => path.resolve("node_modules/.bin", name);
const extra = process.argv.slice(2);
const suites: Tally[] = [];

function vitest(): void {
  const file = path.join(out, "vitest.json");
  fs.rmSync(file, { force: true });
  spawnSync(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`, ...extra], {
    stdio: "inherit",
    env,
  });
  const unit: Tally = { name: "unit", passed: 0, failed: 0, skipped: 0, ran: true };
  const integration: Tally = { name: "integration", passed: 0, failed: 0, skipped: 0, ran: true };
  if (!fs.existsSync(file)) {
    unit.failed = 1; // vitest crashed before reporting: count it, never hide it
  } else {
    const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
      testResults: { name: string; status: string; assertionResults: { status: string }[] }[];
    };
    for (const f of report.testResults) {
      const t = path.relative(process.cwd(), f.name).startsWith("tests/integration") ? integration : unit;
      if (f.assertionResults.length === 0 && f.status === "failed") t.failed += 1; // a file that failed to load
      for (const a of f.assertionResults) {
        if (a.status === "passed") t.passed += 1;
        else if (a.status === "failed") t.failed += 1;
        else t.skipped += 1;
      }
    }
  }
  suites.push(unit, integration);
}

function e2e(): void {
  const tally: Tally = { name: "e2e", passed: 0, failed: 0, skipped: 0, ran: false };
  suites.push(tally);
  if (extra.length) return; // a filtered run (`npm test -- path`) is a vitest run
  const chromium = findChromium();
  if (!chromium) {
    const msg = "E2E DID NOT RUN: no Chromium found. Install one (`apt-get install chromium`) or set CHROMIUM_PATH.";
    console.error(`\n${"!".repeat(msg.length)}\n${msg}\n${"!".repeat(msg.length)}\n`);
    if (process.env.E2E_REQUIRED === "1") tally.failed = 1;
    return;
  }
  if (needsBuild() && process.env.E2E_SKIP_BUILD !== "1") {
    const b = spawnSync(bin("next"), ["build"], { stdio: "inherit", env });
    if (b.status !== 0) {
      tally.failed = 1;
      return;
    }
  }
  const file = path.join(out, "playwright.json");
  fs.rmSync(file, { force: true });
  spawnSync(bin("playwright"), ["test"], {
    stdio: "inherit",
    env: { ...env, CHROMIUM_PATH: chromium, PW_JSON_OUTPUT: file },
  });
  tally.ran = true;
  if (!fs.existsSync(file)) {
    tally.failed = 1;
    return;
  }
  const stats = (
    JSON.parse(fs.readFileSync(file, "utf8")) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    }
  ).stats;
  tally.passed = stats.expected + stats.flaky;
  tally.failed = stats.unexpected;
  tally.skipped = stats.skipped;
}

vitest();
e2e();
const passed = suites.reduce((n, s) => n + s.passed, 0);
const failed = suites.reduce((n, s) => n + s.failed, 0);
console.log("\nSuites:");
for (const s of suites)
  console.log(
    `  ${s.name.padEnd(12)} ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ""}${s.ran ? "" : " (not run)"}`,
  );
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

import fs from "node:fs";
import { createRequire } from "node:module";
import type * as PlaywrightCore from "playwright-core";

const require = createRequire(import.meta.url);

/** A usable Chromium: CHROMIUM_PATH, Playwright's own download if present, else Debian's. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, playwrightOwn(), "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  return null;
}

function playwrightOwn(): string | undefined {
  try {
    const { chromium } = require("playwright-core") as typeof PlaywrightCore;
    // Only the path of a browser Playwright already downloaded; never triggers a download.
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

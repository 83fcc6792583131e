import { env } from "@/lib/env";

/**
 * True when events go to a real Inngest server (dev server, Inngest Cloud or
 * self-hosted) instead of the in-process runner.
 */
export function inngestConfigured(): boolean {
  const e = env();
  return Boolean(e.INNGEST_EVENT_KEY || e.INNGEST_BASE_URL || isTruthy(e.INNGEST_DEV));
}

function isTruthy(v: string | undefined): boolean {
  return v !== undefined && v !== "" && v !== "0" && v !== "false";
}

import { DEFAULT_CHAOS } from "./store";
import type { ChaosConfig } from "./types";

const NUMERIC: (keyof ChaosConfig)[] = [
  "duplicate",
  "shuffleWindow",
  "delayMs",
  "retryBaseMs",
  "maxAttempts",
  "timeoutMs",
];

/**
 * Applies a partial config from `/_emulator/config` (JSON or form values, so
 * numbers and booleans may arrive as strings). Unknown keys are an error so a
 * typo in a test does not silently turn chaos off.
 */
export function applyConfig(current: ChaosConfig, input: Record<string, unknown>): ChaosConfig {
  const next = { ...current };
  for (const [key, raw] of Object.entries(input)) {
    if (key === "dropFirstAttempt") {
      next.dropFirstAttempt = raw === true || raw === "true" || raw === "1" || raw === "on";
    } else if ((NUMERIC as string[]).includes(key)) {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${key} must be a non-negative number`);
      (next as Record<string, unknown>)[key] =
        key === "duplicate" || key === "shuffleWindow" || key === "maxAttempts" ? Math.max(1, Math.floor(n)) : n;
    } else {
      throw new Error(`Unknown config key: ${key}`);
    }
  }
  return next;
}

/** STRIPE_EMULATOR_DUPLICATE, _SHUFFLE_WINDOW, _DELAY_MS, _DROP_FIRST_ATTEMPT, _RETRY_BASE_MS, _MAX_ATTEMPTS. */
export function configFromEnv(env: NodeJS.ProcessEnv): ChaosConfig {
  const input: Record<string, string> = {};
  const map: Record<string, keyof ChaosConfig> = {
    STRIPE_EMULATOR_DUPLICATE: "duplicate",
    STRIPE_EMULATOR_SHUFFLE_WINDOW: "shuffleWindow",
    STRIPE_EMULATOR_DELAY_MS: "delayMs",
    STRIPE_EMULATOR_DROP_FIRST_ATTEMPT: "dropFirstAttempt",
    STRIPE_EMULATOR_RETRY_BASE_MS: "retryBaseMs",
    STRIPE_EMULATOR_MAX_ATTEMPTS: "maxAttempts",
  };
  for (const [name, key] of Object.entries(map)) {
    const v = env[name];
    if (v !== undefined && v !== "") input[key] = v;
  }
  return applyConfig(DEFAULT_CHAOS, input);
}

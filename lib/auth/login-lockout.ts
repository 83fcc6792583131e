import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "@/lib/errors";
import { rateLimitStore } from "@/lib/rate-limit/limiter";

/**
 * Failed sign-ins are counted per email and per IP in the rate-limit store (so
 * several app instances share them on Upstash). After `slowAfter` failures every
 * further attempt is delayed a little more; at `lockAfter` the key is locked for
 * 15 minutes and attempts answer 429 with Retry-After, even with the right password.
 * Unknown emails are counted exactly like known ones, so lockout reveals nothing.
 */
export const LOCKOUT = {
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
  email: { slowAfter: 3, lockAfter: 10 },
  // One office or NAT shares an IP: more room before it locks everyone out.
  ip: { slowAfter: 10, lockAfter: 50 },
  maxDelayMs: 3_000,
};

const FAIL = "login-fail";
const LOCK = "login-lock";

type Keys = { email: string; ip: string };
const emailKey = (email: string) => `email:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** Throws `locked` (429 + Retry-After) while the email or the IP is locked. */
export async function assertNotLocked({ email, ip }: Keys): Promise<void> {
  const store = rateLimitStore();
  const [e, i] = await Promise.all([store.peek(LOCK, emailKey(email)), store.peek(LOCK, ipKey(ip))]);
  const until = Math.max(e?.reset ?? 0, i?.reset ?? 0);
  if (until > Date.now()) {
    const retryAfter = Math.max(1, Math.ceil((until - Date.now()) / 1000));
    const minutes = Math.ceil(retryAfter / 60);
    throw new AppError(
      "locked",
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or reset your password.`,
      { retryAfter },
    );
  }
}

/** Delay before checking a password, growing with recent failures. */
export function slowDownMs(failures: number, slowAfter: number): number {
  if (failures < slowAfter) return 0;
  // Tests exercise the lockout with many failures; the curve stays, the unit shrinks.
  const scale = process.env.NODE_ENV === "test" ? 1 / 250 : 1;
  return Math.min(250 * 2 ** Math.min(failures - slowAfter, 16), LOCKOUT.maxDelayMs) * scale;
}

export async function throttleAttempt({ email, ip }: Keys): Promise<void> {
  const store = rateLimitStore();
  const [e, i] = await Promise.all([store.peek(FAIL, emailKey(email)), store.peek(FAIL, ipKey(ip))]);
  const ms = Math.max(
    slowDownMs(e?.count ?? 0, LOCKOUT.email.slowAfter),
    slowDownMs(i?.count ?? 0, LOCKOUT.ip.slowAfter),
  );
  if (ms > 0) await sleep(ms);
}

/** Counts a failure; returns true when this failure locked the email or the IP. */
export async function recordFailure({ email, ip }: Keys): Promise<boolean> {
  const store = rateLimitStore();
  const [e, i] = await Promise.all([
    store.increment(FAIL, emailKey(email), LOCKOUT.windowSeconds),
    store.increment(FAIL, ipKey(ip), LOCKOUT.windowSeconds),
  ]);
  let locked = false;
  if (e.count >= LOCKOUT.email.lockAfter) {
    await store.increment(LOCK, emailKey(email), LOCKOUT.lockSeconds);
    await store.clear(FAIL, emailKey(email));
    locked = true;
  }
  if (i.count >= LOCKOUT.ip.lockAfter) {
    await store.increment(LOCK, ipKey(ip), LOCKOUT.lockSeconds);
    await store.clear(FAIL, ipKey(ip));
    locked = true;
  }
  return locked;
}

/** A successful sign-in forgets the email's failures (the IP's stay: it may be guessing other accounts). */
export async function recordSuccess({ email }: Keys): Promise<void> {
  await rateLimitStore().clear(FAIL, emailKey(email));
}

/** After a password reset the owner must not stay locked out by someone else's guessing. */
export async function unlockEmail(email: string): Promise<void> {
  const store = rateLimitStore();
  await Promise.all([store.clear(FAIL, emailKey(email)), store.clear(LOCK, emailKey(email))]);
}

import { AppError } from "@/lib/errors";
import { COMMON_PASSWORDS_TEXT } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 10;
// argon2 is happy with long input, but an unbounded body is a cheap way to burn CPU.
export const PASSWORD_MAX_LENGTH = 256;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    COMMON_PASSWORDS_TEXT.split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return common;
}

/** Why a password is refused, in words for the person typing it; null when acceptable. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "This password is too common. Choose one that is harder to guess.";
  if (new Set(lower).size < 3) return "This password is too easy to guess. Mix more different characters.";
  if (context.email && lower === context.email.trim().toLowerCase())
    return "Do not use your email address as password.";
  return null;
}

/** Throws a 400 naming `field` when the password breaks the policy. */
export function assertPasswordPolicy(password: string, field = "password", context: { email?: string } = {}): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new AppError("bad_request", `${field}: ${problem}`, { details: { field } });
}

/**
 * Where to go after signing in: only same-site paths, so a crafted link cannot
 * bounce the user to another origin (`//evil.com`, `/\evil.com`, `https://…`).
 */
export function safeCallbackUrl(value: unknown, fallback = "/dashboard"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  if (/[\u0000-\u001f]/.test(value)) return fallback;
  return value;
}

/**
 * URL handling shared by the crawler and the checks: normalisation (so one page
 * is fetched once), scope (same host, optionally subdomains) and the static
 * part of the SSRF policy (schemes, credentials, ports).
 */
import { AuditInputError } from "./errors";

/** Resolves `href` against `base`, drops the fragment, lowercases scheme/host, removes default ports. */
export function normaliseUrl(href: string, base?: string | URL): string | null {
  let u: URL;
  try {
    u = base === undefined ? new URL(href) : new URL(href, base);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  u.hash = "";
  // WHATWG URL already lowercases scheme and host and drops default ports; an empty path becomes "/".
  return u.href;
}

/** Accepts a bare host ("example.com") as the start URL, as people type it. */
export function parseStartUrl(input: string): string {
  const raw = /^[a-z][a-z0-9+.-]*:/i.test(input) ? input : `https://${input}`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new AuditInputError(`"${input}" is not a valid URL.`);
  }
  assertAllowedUrl(u);
  u.hash = "";
  return u.href;
}

/** The static SSRF rules; addresses are checked at connection time by the guarded lookup (ssrf.ts). */
export function assertAllowedUrl(u: URL): void {
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new AuditInputError(`Only http and https URLs can be audited (got ${u.protocol}).`);
  if (u.username || u.password) throw new AuditInputError("URLs with credentials (user:password@) are refused.");
  if (!u.hostname) throw new AuditInputError("The URL has no host.");
  if (u.port) {
    const port = Number(u.port);
    if (port < 1024 && port !== 80 && port !== 443)
      throw new AuditInputError(`Port ${port} is refused: only 80, 443 and ports from 1024 up are allowed.`);
  }
}

export function isAllowedUrl(href: string): boolean {
  try {
    assertAllowedUrl(new URL(href));
    return true;
  } catch {
    return false;
  }
}

/** Host scope of a crawl: exactly the start host(s), or also their subdomains. */
export function makeScope(startUrls: string | string[], includeSubdomains: boolean): (href: string) => boolean {
  const exact = new Set([startUrls].flat().map((u) => new URL(u).hostname));
  const bases = [...exact].map(stripWww);
  return (href) => {
    let h: string;
    try {
      h = new URL(href).hostname;
    } catch {
      return false;
    }
    if (exact.has(h)) return true;
    return includeSubdomains && bases.some((b) => h === b || h.endsWith(`.${b}`));
  };
}

function stripWww(h: string): string {
  return h.startsWith("www.") ? h.slice(4) : h;
}

export function siteRoot(url: string): string {
  return new URL("/", url).href;
}

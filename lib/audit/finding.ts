import { CATALOGUE } from "./catalogue";
import type { Finding } from "./types";

/** Builds a finding with the catalogue's category and severity, so they cannot drift per call site. */
export function finding(check: string, url: string, message: string, details: Record<string, unknown> = {}): Finding {
  const def = CATALOGUE[check];
  if (!def) throw new Error(`Unknown check id ${check}`);
  return { check, category: def.category, severity: def.severity, url, message, details };
}

/** Length in characters as people count them (code points, whitespace collapsed by the parser). */
export const charLength = (s: string) => [...s].length;

/** Deterministic order for results: by check id, then URL, then message. */
export function sortFindings(list: Finding[]): Finding[] {
  return list.sort((a, b) =>
    a.check < b.check
      ? -1
      : a.check > b.check
        ? 1
        : a.url < b.url
          ? -1
          : a.url > b.url
            ? 1
            : a.message < b.message
              ? -1
              : a.message > b.message
                ? 1
                : 0,
  );
}

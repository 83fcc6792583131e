/**
 * What the pipeline needs from an audit engine, page by page, so a crawl can be
 * split into durable chunks whose state lives in the database (audit_pages).
 * The full engine (lib/audit) implements it through the adapter in
 * full-engine.ts.
 */
export type EngineFinding = {
  check: string;
  category: string;
  severity: "error" | "warning" | "notice";
  url: string;
  message: string;
  details?: Record<string, unknown>;
};

export type FetchedPage = {
  url: string;
  status: number | null;
  title: string | null;
  /** Same-host links to follow (absolute, normalised). */
  links: string[];
  data: Record<string, unknown>;
  findings: EngineFinding[];
};

export type SitePage = {
  url: string;
  status: number | null;
  title: string | null;
  depth: number | null;
  data: Record<string, unknown>;
};

export type CheckInfo = { id: string; category: string; title: string; howToFix: string };

export type AuditEngine = {
  fetchPage(url: string, ctx: { startUrl: string }): Promise<FetchedPage>;
  /** Async: the full engine probes link targets (external links, images, canonical/hreflang targets) here. */
  analyseSite(pages: SitePage[], ctx: { startUrl: string; keywords: string[] }): Promise<EngineFinding[]>;
  score(
    findings: { check: string; category: string; severity: string }[],
    pageCount: number,
  ): {
    score: number;
    categories: Record<string, number>;
  };
  catalogue: Record<string, CheckInfo>;
  categories: readonly string[];
};

export { fullEngine as auditEngine } from "./full-engine";

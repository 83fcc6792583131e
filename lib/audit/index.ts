/** The audit engine's public surface (no Next.js, no database: usable from the CLI, tests and the pipeline). */
export { runAudit, userAgent, DEFAULTS, type AuditOptions } from "./audit";
export { CATALOGUE, CATEGORIES, type Category, type CheckDef, type Severity } from "./catalogue";
export { scoreFindings } from "./score";
export { normaliseUrl, parseStartUrl } from "./url";
export { AuditInputError, AuditUnreachableError, ForbiddenAddressError } from "./errors";
export * from "./types";

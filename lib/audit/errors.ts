/** Bad input from the caller (CLI exit 2, HTTP 4xx): the message says what was wrong. */
export class AuditInputError extends Error {
  override name = "AuditInputError";
}

/** The target could not be reached at all (CLI exit 1). */
export class AuditUnreachableError extends Error {
  override name = "AuditUnreachableError";
}

/** A request was refused by the SSRF policy; the message names the address class. */
export class ForbiddenAddressError extends Error {
  override name = "ForbiddenAddressError";
  readonly code = "ERR_AUDIT_FORBIDDEN_ADDRESS";
}

export * from "./users";
export * from "./audit-log";
export * from "./email";
export * from "./billing";
export * from "./audits";
export * from "./auth-tokens";
export * from "./jobs";

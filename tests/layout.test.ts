import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const exists = (p: string) => fs.existsSync(path.join(root, p));

describe("repository layout (the design card)", () => {
  it("has every top-level entry", () => {
    const top = ["package.json", "next.config.mjs", "tsconfig.json", "app", "components", "lib", "db", "inngest"];
    const rest = [
      "public",
      "e2e",
      "drizzle.config.ts",
      ".env.example",
      "README.md",
      "CODE_STYLE.md",
      "ARCHITECTURE.md",
    ];
    expect([...top, ...rest, "scripts", ".ci"].filter((p) => !exists(p))).toEqual([]);
  });

  it("has the route groups and the per-domain schema", () => {
    const groups = ["app/(marketing)", "app/(auth)", "app/(app)", "app/admin"];
    const schema = ["users", "billing", "audits", "jobs", "email", "audit-log", "auth-tokens"].map(
      (d) => `db/schema/${d}.ts`,
    );
    expect([...groups, ...schema, "db/migrations/meta/_journal.json"].filter((p) => !exists(p))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeCallbackUrl("/dashboard/audits/1?tab=pages")).toBe("/dashboard/audits/1?tab=pages");
  });
  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, "/a\nb"])(
    "refuses %j",
    (v) => {
      expect(safeCallbackUrl(v)).toBe("/dashboard");
    },
  );
});

import { describe, expect, it } from "vitest";
import { pricingHref, readChoices, splitList } from "./pricing-query";

describe("pricing URL state", () => {
  it("reads valid choices and falls back for invalid ones", () => {
    expect(readChoices({ plan: "pro", interval: "year", siteUrl: "https://a.example", keywords: ["x", "y"] })).toEqual({
      plan: "pro",
      interval: "year",
      siteUrl: "https://a.example",
      keywords: "x",
      competitors: "",
      companyName: "",
    });
    expect(readChoices({ plan: "platinum", interval: "week" })).toMatchObject({ plan: null, interval: "month" });
  });

  it("round-trips through the URL, dropping empty values", () => {
    const href = pricingHref({
      plan: "enterprise",
      interval: "year",
      siteUrl: "https://a.example/?q=1&r=2",
      keywords: "",
    });
    expect(href).toBe("/pricing?plan=enterprise&interval=year&siteUrl=https%3A%2F%2Fa.example%2F%3Fq%3D1%26r%3D2");
    const back = readChoices(Object.fromEntries(new URL(href, "http://x").searchParams));
    expect(back).toMatchObject({ plan: "enterprise", interval: "year", siteUrl: "https://a.example/?q=1&r=2" });
    expect(pricingHref({}, "#checkout")).toBe("/pricing#checkout");
  });

  it("splits keywords on commas and new lines", () => {
    expect(splitList(" seo audit, technical seo\n\nwidgets ,")).toEqual(["seo audit", "technical seo", "widgets"]);
  });
});

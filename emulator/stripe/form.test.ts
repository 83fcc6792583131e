import { describe, expect, it } from "vitest";
import { fingerprint, parseForm } from "./form";

describe("parseForm", () => {
  it("nests brackets, builds arrays from indices and [] and keeps empty strings", () => {
    const p = parseForm(
      "mode=subscription&line_items[0][price]=price_a&line_items[0][quantity]=1&line_items[1][price]=price_b&expand[]=line_items&expand[]=subscription&metadata[a]=x&metadata[b]=",
    );
    expect(p).toEqual({
      mode: "subscription",
      line_items: [{ price: "price_a", quantity: "1" }, { price: "price_b" }],
      expand: ["line_items", "subscription"],
      metadata: { a: "x", b: "" },
    });
  });

  it("orders indexed arrays numerically", () => {
    const body = Array.from({ length: 12 }, (_, i) => `a[${11 - i}]=${11 - i}`).join("&");
    expect(parseForm(body).a).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
  });

  it("fingerprints ignore key order but not values", () => {
    expect(fingerprint("POST", "/v1/x", parseForm("a=1&b=2"))).toBe(fingerprint("POST", "/v1/x", parseForm("b=2&a=1")));
    expect(fingerprint("POST", "/v1/x", parseForm("a=1"))).not.toBe(fingerprint("POST", "/v1/x", parseForm("a=2")));
  });
});

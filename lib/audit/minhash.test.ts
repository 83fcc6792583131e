import { describe, expect, it } from "vitest";
import { prose } from "./testing/html";
import { minhash, similarPairs, similarity } from "./minhash";

describe("minhash", () => {
  it("is deterministic and case-insensitive", () => {
    const t = prose(1, 300);
    expect(minhash(t)).toEqual(minhash(t.toUpperCase()));
  });

  it("scores identical text 1, near-identical text high and unrelated text low", () => {
    const base = prose(1, 400).split(" ");
    const edited = [...base];
    edited[200] = "changed"; // one word in 400
    const a = minhash(base.join(" "))!;
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, minhash(edited.join(" "))!)).toBeGreaterThanOrEqual(0.9);
    expect(similarity(a, minhash(prose(2, 400))!)).toBeLessThan(0.2);
  });

  it("returns null for texts under three words and finds only similar pairs", () => {
    expect(minhash("two words")).toBeNull();
    const t = prose(3, 300);
    const sigs = [minhash(t), minhash(prose(4, 300)), null, minhash(t)];
    expect(similarPairs(sigs, 0.9)).toEqual([[0, 3, 1]]);
  });
});

import { describe, expect, it } from "vitest";
import { listInWords } from "../../workers/platform/list-in-words";

describe("a list in words", () => {
  it("names one, two and more items as a sentence does", () => {
    expect(listInWords([])).toBe("");
    expect(listInWords(["price"])).toBe("price");
    expect(listInWords(["price", "start"])).toBe("price and start");
    expect(listInWords(["price", "start", "per-shopper limit"])).toBe("price, start and per-shopper limit");
  });

  it("offers a choice with or", () => {
    expect(listInWords(["Karnataka"], "or")).toBe("Karnataka");
    expect(listInWords(["Maharashtra", "Goa"], "or")).toBe("Maharashtra or Goa");
    expect(listInWords(["Bihar", "Jharkhand", "Assam"], "or")).toBe("Bihar, Jharkhand or Assam");
  });
});

import { describe, expect, it } from "vitest";
import { dealLimitWords } from "../../workers/cart/deal-limit-words";

describe("a deal line over its limit per shopper, in words", () => {
  it("asks for a lower quantity when the shopper's orders hold none of the deal", () => {
    expect(dealLimitWords("This deal", { left: 2, perShopper: 2, ordered: 0 }, "check out")).toBe(
      "This deal allows 2 per shopper: lower the quantity to check out.",
    );
  });

  it("names what the orders hold and the quantity that would do, when some is left", () => {
    expect(dealLimitWords("A deal in your cart", { left: 1, perShopper: 2, ordered: 1 }, "place the order")).toBe(
      "A deal in your cart allows 2 per shopper, and your orders have 1 of it: lower the quantity to 1 to place the order.",
    );
  });

  it("asks to remove the line when the orders hold the whole limit", () => {
    expect(dealLimitWords("This deal", { left: 0, perShopper: 2, ordered: 2 }, "check out")).toBe(
      "This deal allows 2 per shopper, and your orders have 2 of it already: remove it to check out.",
    );
  });

  it("says how many more can be bought when there is nothing to ask", () => {
    expect(dealLimitWords("Phone: the deal", { left: 1, perShopper: 3, ordered: 2 }, null)).toBe(
      "Phone: the deal allows 3 per shopper, and your orders have 2 of it, so 1 more can be bought.",
    );
    expect(dealLimitWords("Phone: the deal", { left: 0, perShopper: 3, ordered: 3 }, null)).toBe(
      "Phone: the deal allows 3 per shopper, and your orders have 3 of it already.",
    );
  });

  it("takes what is left as the limit when the limit itself is not known", () => {
    expect(dealLimitWords("This deal", { left: 1, perShopper: null, ordered: 0 }, "check out")).toBe(
      "This deal allows 1 per shopper: lower the quantity to check out.",
    );
  });
});

import { describe, expect, it } from "vitest";
import { sellerPartStatus } from "../../workers/orders/seller-part-status";

const untouched = { askedBack: false, credited: false, orderAskedBack: true };

describe("where a seller's part of an order stands", () => {
  it("is delivered when the order's return took back only other sellers' goods", () => {
    for (const status of ["return_requested", "refunded", "return_received"] as const) {
      expect(sellerPartStatus(status, untouched)).toBe("delivered");
    }
  });

  it("is the order's own status when the seller's goods were asked back or its invoice was credited", () => {
    expect(sellerPartStatus("return_requested", { ...untouched, askedBack: true })).toBe("return_requested");
    expect(sellerPartStatus("return_received", { ...untouched, askedBack: true, credited: true })).toBe("return_received");
    // Ops refunding the whole order credits every seller, whatever an earlier, declined return named.
    expect(sellerPartStatus("refunded", { ...untouched, credited: true })).toBe("refunded");
  });

  it("is the order's status when the return named no lines, as returns before lines were named took the whole order", () => {
    expect(sellerPartStatus("return_requested", { ...untouched, orderAskedBack: false })).toBe("return_requested");
  });

  it("is the order's status before delivery and after cancelling", () => {
    for (const status of ["confirmed", "packed", "shipped", "delivered", "cancelled"] as const) {
      expect(sellerPartStatus(status, untouched)).toBe(status);
    }
  });
});

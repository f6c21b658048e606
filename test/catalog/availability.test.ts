import { describe, expect, it } from "vitest";
import { FEW_LEFT_MAX, availabilityOf } from "../../workers/catalog/availability";

describe("availability buckets", () => {
  it("shows sold out at zero and below", () => {
    expect(availabilityOf(0)).toBe("sold_out");
    expect(availabilityOf(-3)).toBe("sold_out");
    expect(availabilityOf(Number.NaN)).toBe("sold_out");
  });

  it("shows few left from one unit up to the threshold, in stock above it", () => {
    expect(availabilityOf(1)).toBe("few_left");
    expect(availabilityOf(FEW_LEFT_MAX)).toBe("few_left");
    expect(availabilityOf(FEW_LEFT_MAX + 1)).toBe("in_stock");
    expect(availabilityOf(10_000)).toBe("in_stock");
  });
});

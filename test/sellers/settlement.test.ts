import { describe, expect, it } from "vitest";
import {
  closingFeePerUnit,
  commissionPercent,
  keptTaxable,
  lineFigures,
  payoutOf,
  settlementDate,
  shareOf,
  summarize,
  unitsKept,
  unitsOnHold,
} from "../../workers/sellers/settlement";

const GST_18 = { rate: 18, rateAboveBand: null };
const APPAREL = { rate: 5, rateAboveBand: 18 };

describe("the settlement rules", () => {
  it("works out a phone sale to the paisa", () => {
    // Two phones at ₹12,999 (GST 18% included), 5% commission on mobiles, ₹40 closing fee each.
    expect(
      lineFigures({ unitPrice: 1_299_900, units: 2, categoryPath: "/electronics/mobiles-tablets/smartphones/", gstRule: GST_18 }),
    ).toEqual({
      sale_value: 2_599_800,
      commission_percent: 5,
      commission: 129_990,
      closing_fee: 8_000,
      // 18% of ₹1,379.90 = ₹248.382
      fees_gst: 24_838,
      // 0.5% of the taxable value ₹22,032.20 (₹25,998 less 18% GST in it) = ₹110.161
      tcs: 11_016,
      // 0.1% of ₹25,998
      tds: 2_600,
      net: 2_423_356,
    });
  });

  it("rounds each component half up, so a kurta's figures come out whole paise that add up", () => {
    const kurta = lineFigures({ unitPrice: 49_900, units: 1, categoryPath: "/fashion/clothing/kurtas/", gstRule: APPAREL });
    // 15% of ₹499 = ₹74.85; 18% of (₹74.85 + ₹10) = ₹15.273; TCS 0.5% of ₹475.24 = ₹2.3762; TDS 0.1% of ₹499 = ₹0.499.
    expect(kurta).toMatchObject({ commission: 7_485, closing_fee: 1_000, fees_gst: 1_527, tcs: 238, tds: 50, net: 39_600 });
    expect(kurta.commission + kurta.closing_fee + kurta.fees_gst + kurta.tcs + kurta.tds + kurta.net).toBe(kurta.sale_value);
    expect(shareOf(100, 5, 1000)).toBe(1);
    expect(shareOf(99, 5, 1000)).toBe(0);
    expect(shareOf(4_999, 1, 1000)).toBe(5);
    expect(shareOf(4_499, 1, 1000)).toBe(4);
  });

  it("takes TCS on the invoice's taxable value when the line is invoiced in full", () => {
    const base = { unitPrice: 49_900, units: 1, categoryPath: "/fashion/clothing/kurtas/", gstRule: APPAREL };
    const invoiced = (taxable: number) => ({ invoiced: { qty: 1, taxable, rate: 5 }, credited: null });
    expect(lineFigures({ ...base, documents: invoiced(47_524) }).tcs).toBe(238);
    // Had the invoice said ₹420 (a rate since changed), TCS follows it: 0.5% of ₹420 = ₹2.10.
    expect(lineFigures({ ...base, documents: invoiced(42_000) }).tcs).toBe(210);
    // Without a rate of its own or its ancestors', goods pay the residuary 18%: 0.5% of ₹422.88.
    expect(lineFigures({ ...base, gstRule: null }).tcs).toBe(211);
  });

  it("charges each category its rate card commission, the most specific category first", () => {
    expect(commissionPercent("/electronics/mobiles-tablets/smartphones/")).toBe(5);
    expect(commissionPercent("/electronics/computers/laptops/")).toBe(7);
    expect(commissionPercent("/electronics/tv-video/televisions/")).toBe(6);
    expect(commissionPercent("/electronics/audio/headphones/")).toBe(10);
    expect(commissionPercent("/appliances/large-appliances/washing-machines/")).toBe(8);
    expect(commissionPercent("/fashion/footwear/sneakers/")).toBe(15);
    expect(commissionPercent("/home-kitchen/kitchen-dining/cookware/")).toBe(12);
    expect(commissionPercent("/grocery/beverages/tea/")).toBe(5);
    expect(commissionPercent("/pets/food/")).toBe(10);
    expect(commissionPercent(null)).toBe(10);
  });

  it("charges the closing fee by the unit's price slab, a slab's limit in it", () => {
    expect([50_000, 50_001, 100_000, 100_001, 1].map(closingFeePerUnit)).toEqual([1_000, 2_000, 2_000, 4_000, 1_000]);
    expect(lineFigures({ unitPrice: 50_000, units: 3, categoryPath: null, gstRule: GST_18 }).closing_fee).toBe(3_000);
  });

  it("takes TCS of a partly returned line on its invoice's taxable value less its credit note's, to the paisa", () => {
    // Four ₹100.29 units at 18%: invoiced as ₹339.97 taxable; three came back, credited as ₹254.97.
    const docs = { invoiced: { qty: 4, taxable: 33_997, rate: 18 }, credited: { qty: 3, taxable: 25_497 } };
    expect(keptTaxable(1, 10_029, docs)).toBe(8_500);
    const kept = lineFigures({ unitPrice: 10_029, units: 1, categoryPath: null, gstRule: GST_18, documents: docs });
    // 0.5% of ₹85.00 = ₹0.425, half up to ₹0.43; the one unit taxed afresh (₹84.99) would have given ₹0.42.
    expect(kept).toMatchObject({ sale_value: 10_029, tcs: 43 });
    expect(lineFigures({ unitPrice: 10_029, units: 1, categoryPath: null, gstRule: GST_18 }).tcs).toBe(42);
    // A credit note not yet issued (its series ran out) will cancel the three units taxed afresh at the
    // invoice's rate (₹254.97), so that is taken off the invoice's figure.
    expect(keptTaxable(1, 10_029, { invoiced: docs.invoiced, credited: null })).toBe(8_500);
    // A line the credit note cancelled none of keeps its invoice's figure; figures for other units are not read as these.
    expect(keptTaxable(4, 10_029, { invoiced: docs.invoiced, credited: null })).toBe(33_997);
    expect(keptTaxable(2, 10_029, docs)).toBeNull();
    expect(keptTaxable(1, 10_029, { invoiced: null, credited: null })).toBeNull();
  });

  it("keeps the units an accepted return did not ask back, and nothing of an order refunded without one", () => {
    const accepted = { returnAccepted: true, linesAskedBack: true };
    for (const status of ["refunded", "return_received"] as const) {
      expect(unitsKept({ qty: 3, askedBack: 1 }, { status, ...accepted })).toBe(2);
      expect(unitsKept({ qty: 3, askedBack: 3 }, { status, ...accepted })).toBe(0);
      // The phone of a phone-and-case order whose case came back.
      expect(unitsKept({ qty: 1, askedBack: null }, { status, ...accepted })).toBe(1);
      // Ops refunded it on their own (a declined return's stamps notwithstanding): all the money went back.
      expect(unitsKept({ qty: 3, askedBack: 1 }, { status, returnAccepted: false, linesAskedBack: true })).toBe(0);
      expect(unitsKept({ qty: 3, askedBack: null }, { status, returnAccepted: false, linesAskedBack: false })).toBe(0);
      // A return accepted before lines were stamped took the whole order.
      expect(unitsKept({ qty: 3, askedBack: null }, { status, returnAccepted: true, linesAskedBack: false })).toBe(0);
    }
    // A return asked for, or declined back to delivered, keeps every unit; the asked-back ones are held while it waits.
    expect(unitsKept({ qty: 3, askedBack: 1 }, { status: "return_requested", ...accepted, returnAccepted: false })).toBe(3);
    expect(unitsOnHold({ qty: 3, askedBack: 1 }, { status: "return_requested", ...accepted, returnAccepted: false })).toBe(1);
    expect(unitsOnHold({ qty: 3, askedBack: null }, { status: "return_requested", ...accepted, returnAccepted: false })).toBe(0);
    expect(unitsKept({ qty: 3, askedBack: 1 }, { status: "delivered", ...accepted, returnAccepted: false })).toBe(3);
    expect(unitsOnHold({ qty: 3, askedBack: 1 }, { status: "delivered", ...accepted, returnAccepted: false })).toBe(0);
  });

  it("pays nothing for a line of a cancelled, refunded or returned order", () => {
    const noReturn = { returnAccepted: false, linesAskedBack: false };
    for (const status of ["cancelled", "payment_failed", "refunded", "return_received"] as const)
      expect(unitsKept({ qty: 3, askedBack: null }, { status, ...noReturn })).toBe(0);
    for (const status of ["confirmed", "shipped", "delivered", "return_requested"] as const)
      expect(unitsKept({ qty: 3, askedBack: null }, { status, ...noReturn })).toBe(3);
    const none = lineFigures({ unitPrice: 49_900, units: 0, categoryPath: null, gstRule: null });
    expect([none.sale_value, none.commission, none.closing_fee, none.fees_gst, none.tcs, none.tds, none.net]).toEqual([
      0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it("holds a line until its return window closes, then makes it payable 7 days later", () => {
    // Delivered at 9 pm IST on 1 Dec; fashion is returnable for 10 days: until the end of 11 Dec IST.
    const kurta = { listing_id: "l", title: "Kurta", department: "fashion" };
    const order = { status: "delivered" as const, deliveredAt: "2025-12-01T15:30:00.000Z", declined: false, lines: [kurta] };
    expect(payoutOf(1, order, new Date("2025-12-11T18:29:00Z"))).toEqual({ state: "pending", settles_on: "2025-12-18" });
    expect(payoutOf(1, order, new Date("2025-12-11T18:31:00Z"))).toEqual({ state: "payable", settles_on: "2025-12-18" });
    // A whole-order return takes the shortest window: with an iron in it, 7 days.
    const iron = { listing_id: "m", title: "Iron", department: "appliances" };
    expect(payoutOf(1, { ...order, lines: [kurta, iron] }, new Date("2025-12-09T00:00:00Z"))).toEqual({
      state: "payable",
      settles_on: "2025-12-15",
    });
    // Groceries cannot be returned: the window closes at delivery.
    const tea = { listing_id: "n", title: "Tea", department: "grocery" };
    expect(payoutOf(1, { ...order, lines: [tea] }, new Date("2025-12-01T16:00:00Z"))).toEqual({
      state: "payable",
      settles_on: "2025-12-08",
    });
    // Before delivery, and while a return waits for ops, there is no date yet.
    expect(payoutOf(1, { ...order, status: "shipped", deliveredAt: null }, new Date("2025-12-20T00:00:00Z"))).toEqual({
      state: "pending",
      settles_on: null,
    });
    expect(payoutOf(1, { ...order, status: "return_requested" }, new Date("2025-12-20T00:00:00Z"))).toEqual({
      state: "pending",
      settles_on: null,
    });
    expect(payoutOf(0, { ...order, status: "refunded" }, new Date("2025-12-20T00:00:00Z"))).toEqual({
      state: "no_payout",
      settles_on: null,
    });
    // What a partly returned order kept settles on its window as if it were still delivered.
    for (const status of ["refunded", "return_received"] as const) {
      expect(payoutOf(1, { ...order, status }, new Date("2025-12-11T18:29:00Z"))).toEqual({ state: "pending", settles_on: "2025-12-18" });
      expect(payoutOf(1, { ...order, status }, new Date("2025-12-11T18:31:00Z"))).toEqual({ state: "payable", settles_on: "2025-12-18" });
    }
    expect(settlementDate("2025-12-31T18:29:59.999Z")).toBe("2026-01-07");
  });

  it("sums a statement's lines by state and by settlement day, to exactly the lines' figures", () => {
    const lines = [
      { state: "payable" as const, sale_value: 49_900, net: 39_600, settles_on: "2025-12-18" },
      { state: "payable" as const, sale_value: 2_599_800, net: 2_423_356, settles_on: "2025-12-15" },
      { state: "payable" as const, sale_value: 49_900, net: 39_600, settles_on: "2025-12-18" },
      { state: "pending" as const, sale_value: 129_900, net: 100_001, settles_on: "2025-12-30" },
      { state: "no_payout" as const, sale_value: 0, net: 0, settles_on: null },
    ];
    expect(summarize(lines)).toEqual({
      pending: { lines: 1, sale_value: 129_900, net: 100_001 },
      payable: { lines: 3, sale_value: 2_699_600, net: 2_502_556 },
      no_payout: { lines: 1 },
      settlements: [
        { date: "2025-12-15", lines: 1, sale_value: 2_599_800, net: 2_423_356 },
        { date: "2025-12-18", lines: 2, sale_value: 99_800, net: 79_200 },
      ],
    });
  });
});

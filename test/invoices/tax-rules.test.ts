import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { draftInvoices, type SoldLine } from "../../workers/invoices/drafts";
import { financialYearOf, istDate } from "../../workers/invoices/financial-year";
import { gstRateFor, taxableValue } from "../../workers/invoices/gst-rate";
import { isIntraState, placeOfSupply } from "../../workers/invoices/place-of-supply";
import { splitTax } from "../../workers/invoices/tax-split";

// Apparel and footwear alike since the 2025 revision.
const APPAREL = { rate: 5, rateAboveBand: 18 };

describe("GST rate for a price", () => {
  it("taxes apparel at 5% up to ₹2,500 a piece before GST and 18% above", () => {
    expect(gstRateFor(APPAREL, 99_900)).toBe(5);
    expect(gstRateFor(APPAREL, 250_000)).toBe(5);
    // ₹2,625 with 5% in it is a ₹2,500 shirt: still the lower rate.
    expect(gstRateFor(APPAREL, 262_500)).toBe(5);
    expect(gstRateFor(APPAREL, 262_501)).toBe(18);
    expect(gstRateFor(APPAREL, 299_900)).toBe(18);
  });

  it("leaves a category without a price band at its one rate", () => {
    expect(gstRateFor({ rate: 28, rateAboveBand: null }, 3_999_900)).toBe(28);
    expect(gstRateFor({ rate: 0, rateAboveBand: null }, 49_900)).toBe(0);
  });
});

describe("tax split", () => {
  it("halves the tax into CGST and SGST within a state, all IGST between states", () => {
    // ₹1,180 at 18%: ₹1,000 taxable and ₹180 of tax.
    expect(splitTax(118_000, 18, true)).toEqual({ taxable: 100_000, cgst: 9_000, sgst: 9_000, igst: 0 });
    expect(splitTax(118_000, 18, false)).toEqual({ taxable: 100_000, cgst: 0, sgst: 0, igst: 18_000 });
    // CGST and SGST are equal: where the tax would come to an odd paisa, the taxable value takes it,
    // towards its exact value (₹8.5169 taxable in ₹10.05 at 18%: ₹8.51 and ₹0.77 twice, not ₹8.52,
    // ₹0.76 and ₹0.77; 3 × ₹689 at 5%: ₹1,968.58 taxable in ₹2,067, exactly ₹1,968.571).
    expect(splitTax(99_999, 18, true)).toEqual({ taxable: 84_745, cgst: 7_627, sgst: 7_627, igst: 0 });
    expect(splitTax(1_001, 5, true)).toEqual({ taxable: 953, cgst: 24, sgst: 24, igst: 0 });
    expect(splitTax(1_002, 5, true)).toEqual({ taxable: 954, cgst: 24, sgst: 24, igst: 0 });
    expect(splitTax(1_003, 5, true)).toEqual({ taxable: 955, cgst: 24, sgst: 24, igst: 0 });
    expect(splitTax(1_004, 12, true)).toEqual({ taxable: 896, cgst: 54, sgst: 54, igst: 0 });
    expect(splitTax(1_005, 18, true)).toEqual({ taxable: 851, cgst: 77, sgst: 77, igst: 0 });
    expect(splitTax(206_700, 5, true)).toEqual({ taxable: 196_858, cgst: 4_921, sgst: 4_921, igst: 0 });
    expect(splitTax(1_005, 18, false)).toEqual({ taxable: 852, cgst: 0, sgst: 0, igst: 153 });
    expect(splitTax(49_900, 0, false)).toEqual({ taxable: 49_900, cgst: 0, sgst: 0, igst: 0 });
  });

  it("rounds the taxable value to the nearest paisa, halves up, without floating point", () => {
    expect(taxableValue(105, 5)).toBe(100);
    expect(taxableValue(1, 18)).toBe(1);
    expect(taxableValue(3, 18)).toBe(3);
    // 59 × 100 / 118 = 50.0: exact.
    expect(taxableValue(59, 18)).toBe(50);
    // 177 × 100 / 118 = 150.0 and 118.5 would be a half: integers never see 149.99999.
    expect(taxableValue(177, 18)).toBe(150);
    expect(taxableValue(1_000_000_000_001, 28)).toBe(Math.round((1_000_000_000_001 * 100) / 128));
  });

  it("always adds up to the amount paid, in paise, at every rate", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.constantFrom(0, 5, 12, 18, 28), fc.boolean(), (gross, rate, intra) => {
        const t = splitTax(gross, rate, intra);
        expect(t.taxable + t.cgst + t.sgst + t.igst).toBe(gross);
        // Between states the taxable value is rounded; within one, it may move a paisa more so that
        // central and state GST are equal.
        expect(Math.abs(t.taxable - (gross * 100) / (100 + rate))).toBeLessThanOrEqual(intra ? 1 : 0.5);
        expect(t.cgst).toBe(t.sgst);
        expect(Number.isInteger(t.cgst) && t.cgst >= 0).toBe(true);
      }),
    );
  });
});

describe("place of supply", () => {
  it("recognises the state however the shopper typed it, and compares it with the seller's registration", () => {
    expect(placeOfSupply("  karnataka ")).toBe("Karnataka");
    expect(placeOfSupply("TN")).toBe("Tamil Nadu");
    expect(placeOfSupply("Orissa")).toBe("Odisha");
    expect(placeOfSupply("NCT of Delhi")).toBe("Delhi");
    expect(placeOfSupply("Atlantis")).toBe("Atlantis");
    expect(isIntraState("29BZRCD0001B1ZR", "Karnataka")).toBe(true);
    expect(isIntraState("29BZRCD0001B1ZR", "Maharashtra")).toBe(false);
    expect(isIntraState("29BZRCD0001B1ZR", "Atlantis")).toBe(false);
  });
});

describe("drafting an order's invoices", () => {
  const line = (sellerId: string, gstin: string | null, unitPrice: number, qty = 1): SoldLine => ({
    listingId: `lst_${sellerId}_${unitPrice}`,
    sellerId,
    title: "Item",
    qty,
    unitPrice,
    sellerName: sellerId,
    sellerGstin: gstin,
    rule: APPAREL,
    hsn: "620520",
  });

  it("makes one invoice per seller, each split by its own registration, adding up to the order", () => {
    const lines = [
      line("a", "29BZRCD0001B1ZR", 105_000),
      line("b", "27BZRCJ0002C1ZM", 262_501, 3),
      line("a", "29BZRCD0001B1ZR", 33_333, 7),
    ];
    const drafts = draftInvoices(lines, "Karnataka");
    expect(drafts.map((d) => [d.sellerId, d.lines.length])).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
    expect(drafts[0]!.lines[0]).toMatchObject({ rate: 5, taxable: 100_000, cgst: 2_500, sgst: 2_500, igst: 0, hsn: "620520" });
    expect(drafts[1]!.lines[0]).toMatchObject({ rate: 18, cgst: 0, sgst: 0 });
    const paid = lines.reduce((s, l) => s + l.unitPrice * l.qty, 0);
    const invoiced = drafts.flatMap((d) => d.lines).reduce((s, l) => s + l.taxable + l.cgst + l.sgst + l.igst, 0);
    expect(invoiced).toBe(paid);
  });

  it("refuses a seller without a valid GSTIN", () => {
    expect(() => draftInvoices([line("a", null, 1000)], "Karnataka")).toThrow(/no valid GSTIN/);
    expect(() => draftInvoices([line("a", "29BZRCD0001B1ZS", 1000)], "Karnataka")).toThrow(/no valid GSTIN/);
  });
});

describe("financial year", () => {
  it("runs April to March in IST", () => {
    expect(financialYearOf("2027-03-31T18:29:59.999Z")).toBe("2026-27");
    // Midnight of 1 April in India is 18:30 UTC the day before.
    expect(financialYearOf("2027-03-31T18:30:00.000Z")).toBe("2027-28");
    expect(financialYearOf("2026-12-31T23:00:00.000Z")).toBe("2026-27");
    expect(financialYearOf("2099-06-01T00:00:00.000Z")).toBe("2099-00");
    expect(istDate("2027-03-31T18:30:00.000Z")).toBe("2027-04-01");
  });
});

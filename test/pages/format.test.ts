import { describe, expect, it } from "vitest";
import { bigMoney, countUpTo, lineAmount, money, percentOff, spanWords, starsText, waitedFor } from "../../workers/pages/format";
import { clipAtWord } from "../../workers/platform/text";
import { Price } from "../../workers/pages/components";
import { readerText } from "../helpers/http";
import { safeNext } from "../../workers/pages/local-path";
import { apiQuery } from "../../workers/pages/shop";
import { nextStep } from "../../workers/pages/checkout";

describe("page helpers", () => {
  it("gives a line of several units its price each and its sum, and a single unit its price", () => {
    expect(lineAmount(614900, 2)).toBe("₹6,149 each, ₹12,298");
    expect(lineAmount(151900, 1)).toBe("₹1,519");
    expect(lineAmount(undefined, 2)).toBe("—");
  });

  it("says how long something waited to the minute within a day and to the hour beyond", () => {
    const min = 60_000;
    expect(waitedFor(59_999)).toBe("under a minute");
    expect(waitedFor(2 * min)).toBe("2 min");
    expect(waitedFor(190 * min + 30_000)).toBe("3 h 10 min");
    expect(waitedFor(120 * min)).toBe("2 h");
    expect(waitedFor((2 * 24 + 4) * 60 * min + 59 * min)).toBe("2 d 4 h");
    expect(waitedFor(-5 * min)).toBe("under a minute");
  });

  it("writes a count that stopped at its cap with a plus, in Indian digit grouping", () => {
    expect(countUpTo(9_999, false)).toBe("9,999");
    expect(countUpTo(10_000, true)).toBe("10,000+");
    expect(countUpTo(100_000, true)).toBe("1,00,000+");
    expect(countUpTo(0, false)).toBe("0");
  });

  it("formats paise as rupees with Indian digit grouping", () => {
    expect(money(12999900)).toBe("₹1,29,999");
    expect(money(129950)).toBe("₹1,299.50");
    expect(money(129905)).toBe("₹1,299.05");
    expect(money(111)).toBe("₹1.11");
    expect(money(null)).toBe("—");
  });

  it("says big amounts in lakh and crore, never rounding one up", () => {
    expect(bigMoney(4_98_00_000_00)).toBe("₹4.9 Cr");
    expect(bigMoney(1_00_00_000_00)).toBe("₹1 Cr");
    expect(bigMoney(12_34_56_789_00)).toBe("₹12.3 Cr");
    expect(bigMoney(12_59_000_00)).toBe("₹12.5 L");
    expect(bigMoney(1_00_000_00)).toBe("₹1 L");
    expect(bigMoney(99_999_99)).toBe("₹99,999");
    expect(bigMoney(85_000_00)).toBe("₹85,000");
    expect(bigMoney(0)).toBe("₹0");
    expect(bigMoney(-2_50_000_00)).toBe("−₹2.5 L");
    expect(bigMoney(null)).toBe("—");
  });

  it("says a span of seconds in the units a deal manager reads", () => {
    expect(spanWords(52)).toBe("52 s");
    expect(spanWords(190)).toBe("3 min 10 s");
    expect(spanWords(120)).toBe("2 min");
    expect(spanWords(2 * 3600 + 5 * 60 + 9)).toBe("2 h 5 min");
    expect(spanWords(-3)).toBe("0 s");
  });

  it("never overstates a discount", () => {
    expect(percentOff(66600, 100000)).toBe(33);
    expect(percentOff(100000, 100000)).toBeNull();
  });

  it("shows the MRP struck through under a price, with the discount only when it is at least 1%", () => {
    const text = (price: number, mrp: number) => readerText(String(Price({ price, mrp }))).trim();
    expect(text(66600, 100000)).toBe("₹666 MRP ₹1,000 33% off");
    // ₹53,700 against an MRP of ₹53,959 is 0.48% off: "0% off" would read as a mistake.
    expect(text(5370000, 5395900)).toBe("₹53,700 MRP ₹53,959");
    expect(text(100000, 100000)).toBe("₹1,000");
  });

  it("follows only same-site paths after sign-in", () => {
    expect(safeNext("/checkout")).toBe("/checkout");
    expect(safeNext("/orders/ord_1?tab=items#latest")).toBe("/orders/ord_1?tab=items#latest");
    expect(safeNext("/search?q=phone%20case")).toBe("/search?q=phone%20case");
    expect(safeNext(undefined)).toBe("/");
    expect(safeNext("")).toBe("/");
    expect(safeNext("checkout")).toBe("/");
    expect(safeNext("//evil.example/")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext("https://evil.example/")).toBe("/");
    expect(safeNext("javascript:alert(1)")).toBe("/");
  });

  it("refuses paths a browser would read as another site once it drops tabs and newlines", () => {
    for (const next of ["/\t/evil.example/login", "/\n/evil.example", "/\r\n/evil.example", "/\t\\evil.com", "/\\\tevil.com"]) {
      expect(safeNext(next)).toBe("/");
    }
    // What a form post of next=/%09/evil.example decodes to.
    expect(safeNext(decodeURIComponent("/%09/evil.example"))).toBe("/");
    // Still encoded, it is a path on this site, and stays one.
    expect(safeNext("/%09/evil.example")).toBe("/%09/evil.example");
    expect(safeNext("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it("refuses paths whose dot segments resolve to another site", () => {
    for (const next of ["/.//evil.example/x", "/..//evil.example", "/a/..//evil.example", "/././/evil.example"]) {
      expect(safeNext(next)).toBe("/");
    }
    expect(safeNext("/a/../checkout")).toBe("/checkout");
  });

  it("sends the filter form's rupees to the API as paise and drops junk", () => {
    const qs = apiQuery({ q: "phone", brand: ["Samsung", "Apple"], price_min: "500", price_max: "abc", in_stock: true, sort: "price_asc" });
    expect(qs.get("price_min")).toBe("50000");
    expect(qs.has("price_max")).toBe(false);
    expect(qs.getAll("brand")).toEqual(["Samsung", "Apple"]);
    expect(qs.get("in_stock")).toBe("true");
  });

  it("hands a placed order to the provider's payment page, or to the order when there is none", () => {
    expect(nextStep({ order_id: "ord_1", payment: { redirect_url: "/psp-sandbox/pay/pay_1" } })).toBe("/psp-sandbox/pay/pay_1");
    expect(nextStep({ order_id: "ord_1", payment: { redirect_url: "javascript:alert(1)" } })).toBe("/orders/ord_1");
    expect(nextStep({ order_id: "ord_1", payment: { redirect_url: "//evil.example/pay" } })).toBe("/orders/ord_1");
    expect(nextStep({ order_id: "ord_1", payment: { redirect_url: "/\t/evil.example/pay" } })).toBe("/orders/ord_1");
    expect(nextStep({ order_id: "ord_1", payment: null })).toBe("/orders/ord_1");
  });
});

describe("starsText", () => {
  it("never reads a product's average above what the 4★ filter keeps", () => {
    expect(starsText(3.96)).toBe("3.9");
    expect(starsText(3.999)).toBe("3.9");
    expect(starsText(4)).toBe("4.0");
    expect(starsText(4.3)).toBe("4.3");
    expect(starsText(4.05)).toBe("4.0");
    expect(starsText(5)).toBe("5.0");
  });

  it("cuts a long question for a button's name at a word, with an ellipsis, and leaves a short one whole", () => {
    const q = "Is installation included in the price, and does the technician bring the inlet hose and the stand?";
    expect(clipAtWord(q, 80)).toBe("Is installation included in the price, and does the technician bring the inlet…");
    expect(clipAtWord(q, 80).length).toBeLessThanOrEqual(80);
    expect(clipAtWord("Does installation cost extra?", 80)).toBe("Does installation cost extra?");
    // One long word is still cut, rather than shown whole.
    expect(clipAtWord("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

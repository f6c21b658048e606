import { describe, expect, it } from "vitest";
import { rupeesField } from "../../workers/pages/consoles/guard";
import { parseRupees, RupeesError } from "../../workers/pages/rupees";

describe("rupees typed into a form", () => {
  it("are read as exact paise, with or without the sign, digit grouping and paise", () => {
    expect(parseRupees("1299")).toBe(129_900);
    expect(parseRupees("₹1,299.00")).toBe(129_900);
    expect(parseRupees(" ₹ 1,299.5 ")).toBe(129_950);
    expect(parseRupees("1,29,999.99")).toBe(12_999_999);
    expect(parseRupees("129,999")).toBe(12_999_900);
    expect(parseRupees("0")).toBe(0);
    expect(parseRupees("0.01")).toBe(1);
  });

  it("come out exact where multiplying the decimal by 100 would not", () => {
    // 1.15 × 100 is 114.99999999999999 and 0.29 × 100 is 28.999999999999996 in floating point.
    expect(parseRupees("1.15")).toBe(115);
    expect(parseRupees("0.29")).toBe(29);
    expect(parseRupees("80,000,000,000,000.07")).toBe(8_000_000_000_000_007);
  });

  it("are refused with a reason when they are not an amount, rather than guessed at", () => {
    const cases: [string, RegExp][] = [
      ["", /Enter an amount/],
      ["   ", /Enter an amount/],
      ["lots", /not an amount in rupees/],
      ["-5", /not an amount in rupees/],
      ["1.2.3", /not an amount in rupees/],
      [".5", /not an amount in rupees/],
      ["1e3", /not an amount in rupees/],
      ["12,34", /grouped oddly/],
      ["1,2345", /grouped oddly/],
      ["12.", /one or two digits after the point/],
      ["12.345", /one or two digits after the point/],
      ["99999999999999999", /more rupees than can be counted exactly/],
    ];
    for (const [text, reason] of cases) {
      expect(() => parseRupees(text), JSON.stringify(text)).toThrow(RupeesError);
      expect(() => parseRupees(text), JSON.stringify(text)).toThrow(reason);
    }
  });
});

describe("a console's rupees field", () => {
  it("takes rupees however they are typed and refuses the rest with the field's own message", () => {
    const price = rupeesField("Enter the deal price in rupees");
    expect(price.safeParse("₹1,199.00")).toMatchObject({ success: true, data: 119_900 });
    expect(price.safeParse("1199")).toMatchObject({ success: true, data: 119_900 });
    expect(price.safeParse("11.999").error?.issues.map((i) => i.message)).toEqual(["Enter the deal price in rupees"]);
  });
});

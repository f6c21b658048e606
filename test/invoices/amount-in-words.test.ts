import { describe, expect, it } from "vitest";
import { amountInWords, indianNumberInWords } from "../../workers/invoices/amount-in-words";

describe("amount in words", () => {
  it("writes rupees and paise as an invoice does", () => {
    expect(amountInWords(1_234_550)).toBe("Rupees Twelve Thousand Three Hundred Forty-Five and Fifty Paise only");
    expect(amountInWords(129_900)).toBe("Rupees One Thousand Two Hundred Ninety-Nine only");
    expect(amountInWords(100)).toBe("Rupees One only");
    expect(amountInWords(101)).toBe("Rupees One and One Paisa only");
    expect(amountInWords(75)).toBe("Seventy-Five Paise only");
    expect(amountInWords(0)).toBe("Rupees Zero only");
  });

  it("groups in lakhs and crores", () => {
    expect(indianNumberInWords(100_000)).toBe("One Lakh");
    expect(indianNumberInWords(129_999)).toBe("One Lakh Twenty-Nine Thousand Nine Hundred Ninety-Nine");
    expect(indianNumberInWords(1_000_000)).toBe("Ten Lakh");
    expect(indianNumberInWords(12_345_678)).toBe("One Crore Twenty-Three Lakh Forty-Five Thousand Six Hundred Seventy-Eight");
    expect(indianNumberInWords(10_000_000_000)).toBe("One Thousand Crore");
    expect(indianNumberInWords(1_000_000_000_000)).toBe("One Lakh Crore");
    expect(indianNumberInWords(110)).toBe("One Hundred Ten");
    expect(indianNumberInWords(7_00_05_000)).toBe("Seven Crore Five Thousand");
  });

  it("refuses what is not a whole number of paise", () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { parsePriceIntent } from "../../workers/search/price-intent";

const R = 100; // paise in a rupee

// [typed, words left to search, lowest rupees, highest rupees]
const BUDGETS: Array<[string, string, number | null, number | null]> = [
  ["samsung phone under 20000", "samsung phone", null, 20000],
  // Hindi and Hinglish put the direction after the amount.
  ["phone 10000 se kam", "phone", null, 10000],
  ["phone 15000 tak", "phone", null, 15000],
  ["cooler 8000 ke andar", "cooler", null, 8000],
  ["tv 30000 se zyada", "tv", 30000, null],
  ["phone 10000 se 20000 tak", "phone", 10000, 20000],
  ["फ़ोन 10000 से कम", "फ़ोन", null, 10000],
  ["फ़ोन 15000 तक", "फ़ोन", null, 15000],
  ["earbuds below 2k", "earbuds", null, 2000],
  ["tv between 20000 and 30000", "tv", 20000, 30000],
  ["laptop under ₹50,000", "laptop", null, 50000],
  ["shoes under rs 1500", "shoes", null, 1500],
  ["shoes under Rs. 1500", "shoes", null, 1500],
  ["fridge above 25000", "fridge", 25000, null],
  ["mixer within 3000", "mixer", null, 3000],
  ["watch upto 5000", "watch", null, 5000],
  ["watch up to 5,000", "watch", null, 5000],
  ["Phone UNDER 20000", "Phone", null, 20000],
  ["bag less than 999", "bag", null, 999],
  ["bag max 999", "bag", null, 999],
  ["bag maximum 999", "bag", null, 999],
  ["bag < 999", "bag", null, 999],
  ["sofa over 40000", "sofa", 40000, null],
  ["sofa more than 40000", "sofa", 40000, null],
  ["sofa from 40000", "sofa", 40000, null],
  ["sofa min 40000", "sofa", 40000, null],
  ["sofa minimum 40000", "sofa", 40000, null],
  ["sofa > 40000", "sofa", 40000, null],
  ["phone<20000", "phone", null, 20000],
  ["phone<=20000", "phone", null, 20000],
  ["sofa>40000", "sofa", 40000, null],
  ["phone₹15000", "phone", null, 15000],
  ["laptop 40000 to 60000 rs", "laptop", 40000, 60000],
  ["phone 10000 to 20000", "phone", 10000, 20000],
  ["earbuds 1k to 2k", "earbuds", 1000, 2000],
  ["laptop rs 40000-60000", "laptop", 40000, 60000],
  ["laptop price 40k-60k", "laptop", 40000, 60000],
  ["laptop from 40k to 60k", "laptop", 40000, 60000],
  ["laptop between 60k and 40k", "laptop", 40000, 60000],
  ["headphones under 1.5k", "headphones", null, 1500],
  ["bike under 2 lakh", "bike", null, 200000],
  ["bike under 2 lac", "bike", null, 200000],
  ["bike under 2L", "bike", null, 200000],
  ["bike under 1.5 lakhs", "bike", null, 150000],
  ["flat under 2,00,000", "flat", null, 200000],
  ["phone for a budget of 15000", "phone", null, 15000],
  ["phone price under 20000 only", "phone", null, 20000],
  ["phone ₹15000", "phone", null, 15000],
  ["kurta 799/-", "kurta", null, 799],
  ["phone above 10000 under 20000", "phone", 10000, 20000],
  ["under 500", "", null, 500],
  ["iphone 15 under 80000", "iphone 15", null, 80000],
  ["1.5 ton ac under 40000", "1.5 ton ac", null, 40000],
  ["redmi note 13 pro max under 25000", "redmi note 13 pro max", null, 25000],
  ["फ़ोन under 10000", "फ़ोन", null, 10000],
];

// Numbers that are model names, sizes or specs, and phrases that only look like a budget.
const NOT_BUDGETS = [
  "iphone 15",
  "galaxy s24",
  "55 inch tv",
  "1.5 ton ac",
  "5000 mah power bank",
  "65w charger",
  "8gb ram",
  "256gb",
  "iphone 15 pro max",
  "iphone 15 pro max 256gb",
  "power bank under 10000 mah",
  "tv under 55 inch",
  "fridge under 250 l",
  "32 to 43 inch tv",
  "tv between 32 and 43 inch",
  "boat 10000-20000",
  "toys 1 to 3 years",
  "shoes size 8 to 10",
  "samsung 20000 to 10000",
  "over ear headphones",
  "phone above 30000 under 20000",
  "samsung",
  "",
];

describe("budget phrases in a search", () => {
  for (const [typed, text, min, max] of BUDGETS) {
    it(`reads "${typed}" as "${text}" from ${min ?? "anything"} to ${max ?? "anything"} rupees`, () => {
      expect(parsePriceIntent(typed)).toEqual({
        text,
        range: { min: min === null ? null : min * R, max: max === null ? null : max * R },
      });
    });
  }

  for (const typed of NOT_BUDGETS) {
    it(`leaves "${typed}" as typed, with no price range`, () => {
      expect(parsePriceIntent(typed)).toEqual({ text: typed, range: null });
    });
  }

  it("counts paise exactly and refuses a number too large to be a price", () => {
    expect(parsePriceIntent("pen under 99.50").range).toEqual({ min: null, max: 9950 });
    expect(parsePriceIntent("yacht under 99999999999").range).toBeNull();
  });
});

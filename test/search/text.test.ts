import { describe, expect, it } from "vitest";
import { bestCorrections, correctedText, matchExpression } from "../../workers/search/spelling";
import { compoundWords, coverAsCase, editDistance, inflections, queryText, tokenize } from "../../workers/search/text";

/** The words a query is read as, submitted unless said otherwise. */
const words = (q: string, mode: "typing" | "submitted" = "submitted") => tokenize(q, mode).map((t) => t.text);

describe("query words", () => {
  it("drops Hinglish joining words, so a phone's cover asked for in Hinglish is still a case", () => {
    expect(tokenize("mobile ke liye cover", "submitted").map((t) => t.text)).toEqual(["case"]);
    expect(tokenize("bachon ki saree", "submitted").map((t) => t.text)).toEqual(["bachon", "saree"]);
    // "se" is a model too.
    expect(tokenize("iphone se", "submitted").map((t) => t.text)).toEqual(["iphone", "se"]);
    // A joining word alone is what was asked for; one still being typed may become another word.
    expect(tokenize("ke", "submitted").map((t) => t.text)).toEqual(["ke"]);
    expect(tokenize("phone ki", "typing").map((t) => t.text)).toEqual(["phone", "ki"]);
  });

  it("keeps a decimal as one word, matched as the phrase of its numbers", () => {
    const words = tokenize("AC 1.5 ton, 5.5-inch phone v2.0", "submitted");
    expect(words.map((t) => t.text)).toEqual(["ac", "1 5", "ton", "5 5", "inch", "phone", "v2 0"]);
    expect(matchExpression(words.slice(0, 3).map((t) => ({ ...t, corrections: [] })))).toBe(
      '("ac" OR "acs") AND "1 5" AND ("ton" OR "tons")',
    );
    // A full stop after a number is no decimal.
    expect(tokenize("iphone 15. case", "submitted").map((t) => t.text)).toEqual(["iphone", "15", "case"]);
  });

  it("drops joining words unless nothing else is left, and marks the word being typed", () => {
    expect(tokenize("usb and samsung", "typing")).toEqual([
      { text: "usb", partial: false },
      { text: "samsung", partial: true },
    ]);
    expect(tokenize("the ", "typing")).toEqual([{ text: "the", partial: false }]);
    expect(tokenize("Crème Brûlée  ", "typing")).toEqual([
      { text: "creme", partial: false },
      { text: "brulee", partial: false },
    ]);
  });

  it("keeps vowel signs inside Hindi and Tamil words, and still drops Latin accents", () => {
    expect(queryText("सैमसंग मोबाइल, फ़ोन!")).toBe("सैमसंग मोबाइल फ़ोन");
    expect(queryText("சாம்சங் கைபேசி")).toBe("சாம்சங் கைபேசி");
    expect(queryText("Cre\u0300me bru\u0302le\u0301e")).toBe("creme brulee");
    // A word typed up to a vowel sign is still being typed.
    expect(tokenize("सैमसंग मोबा", "typing")).toEqual([
      { text: "सैमसंग", partial: false },
      { text: "मोबा", partial: true },
    ]);
  });

  it("reads every word of a submitted search whole, marking only which one came last", () => {
    expect(tokenize("samsung phones", "submitted")).toEqual([
      { text: "samsung", partial: false },
      { text: "phones", partial: false, last: true },
    ]);
  });

  it("matches a whole word through its singular and plural, never by prefix", () => {
    expect(inflections("laptop")).toEqual(["laptop", "laptops"]);
    expect(inflections("phones")).toEqual(["phones", "phone"]);
    expect(inflections("batteries")).toEqual(["batteries", "batterie", "battery"]);
    expect(inflections("watch")).toEqual(["watch", "watches"]);
    expect(inflections("tv")).toEqual(["tv", "tvs"]);
    expect(inflections("13")).toEqual(["13"]);
    // Each spelling, with its singular and plural.
    expect(inflections("aluminum")).toEqual(["aluminum", "aluminums", "aluminium", "aluminiums"]);
    expect(inflections("adaptors")).toEqual(["adaptors", "adaptor", "adapters", "adapter"]);
    expect(inflections("organizer")).toEqual(["organizer", "organizers", "organiser", "organisers"]);
    expect(inflections("analysed")).toEqual(["analysed", "analyseds", "analyzed", "analyzeds"]);
    // Too short to be an "-ise" word: one spelling.
    expect(inflections("size")).toEqual(["size", "sizes"]);
    expect(inflections("noise")).toEqual(["noise", "noises"]);
  });

  it("counts a swap of neighbouring letters as one typo", () => {
    expect(editDistance("smasung", "samsung", 2)).toBe(1);
    expect(editDistance("galxy", "galaxy", 2)).toBe(1);
    expect(editDistance("iphone", "laptop", 2)).toBe(3);
  });

  it("corrects to the closest word, the more common on a tie, within the word's typo budget", () => {
    const rows = [
      { term: "samsung", docs: 500 },
      { term: "samsong", docs: 1 },
      { term: "sampling", docs: 50 },
    ];
    expect(bestCorrections({ text: "samsnug", partial: false }, rows)).toEqual(["samsung"]);
    // Too short to correct safely.
    expect(bestCorrections({ text: "sam", partial: false }, rows)).toEqual([]);
  });

  it("quotes every word, so shopper input is never FTS5 syntax, and reads back the correction", () => {
    const tokens = [
      { text: "samsng", partial: false, corrections: ["samsung"] },
      { text: "phones", partial: true, corrections: [] },
    ];
    expect(matchExpression(tokens)).toBe('("samsng" OR "samsngs" OR "samsung" OR "samsungs") AND ("phones"* OR "phone"*)');
    expect(matchExpression(tokens, true)).toBe('("samsng" OR "samsngs" OR "samsung" OR "samsungs") OR ("phones"* OR "phone"*)');
    expect(correctedText(tokens)).toBe("samsung phones");
    expect(matchExpression([{ text: 'a"b', partial: true, corrections: [] }])).toBe('"a""b"*');
  });
});

describe("a phone's cover", () => {
  it("reads a mobile's or a back cover as the case listings name, keeping the model", () => {
    expect(words("mobile cover")).toEqual(["case"]);
    expect(words("Phone Covers")).toEqual(["cases"]);
    expect(words("back cover iphone 15")).toEqual(["case", "iphone", "15"]);
    expect(words("samsung mobile back cover")).toEqual(["samsung", "case"]);
    expect(words("redmi phone case")).toEqual(["redmi", "case"]);
  });

  it("leaves a cover of anything else, and a word still being typed, as they are", () => {
    expect(coverAsCase(["pillow", "cover"])).toEqual(["pillow", "cover"]);
    expect(coverAsCase(["cover"])).toEqual(["cover"]);
    expect(coverAsCase(["back", "case"])).toEqual(["back", "case"]);
    expect(words("mobile cover", "typing")).toEqual(["mobile", "cover"]);
    expect(words("mobile cover ", "typing")).toEqual(["case"]);
  });

  it("finds a refrigerator for a fridge, a mixer for a mixie", () => {
    expect(inflections("fridge")).toContain("refrigerator");
    expect(inflections("fridges")).toContain("refrigerators");
    expect(inflections("mixie")).toContain("mixer");
    expect(inflections("refrigerator")).not.toContain("fridge");
  });
});

describe("words shoppers run together or split", () => {
  it("joins the two words of a thing listings name in one, keeping a plural", () => {
    expect(words("smart watch")).toEqual(["smartwatch"]);
    expect(words("Smart Watches for men")).toEqual(["smartwatches", "men"]);
    expect(words("samsung smart phones")).toEqual(["samsung", "smartphones"]);
    expect(words("cell phone")).toEqual(["cellphone"]);
    expect(words("ear buds")).toEqual(["earbuds"]);
    expect(words("sony head phones")).toEqual(["sony", "headphones"]);
  });

  it("splits one word that listings write as two", () => {
    expect(words("powerbank 20000mah")).toEqual(["power", "bank", "20000mah"]);
    expect(words("powerbanks")).toEqual(["power", "banks"]);
    expect(words("tshirt")).toEqual(["t", "shirt"]);
  });

  it("leaves pairs listings write as two, and a word still being typed, alone", () => {
    expect(compoundWords(["smart", "tv"])).toEqual(["smart", "tv"]);
    expect(compoundWords(["smart"])).toEqual(["smart"]);
    expect(compoundWords(["watch", "smart"])).toEqual(["watch", "smart"]);
    expect(words("smart watch", "typing")).toEqual(["smart", "watch"]);
    expect(words("smart watch ", "typing")).toEqual(["smartwatch"]);
  });

  it("reads a smart phone's cover as a phone's case, and a smartphone as a mobile", () => {
    expect(words("smart phone cover")).toEqual(["case"]);
    expect(inflections("smartphones")).toContain("mobiles");
    expect(inflections("cellphone")).toContain("mobile");
    expect(inflections("sari")).toContain("saree");
  });
});

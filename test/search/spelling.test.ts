import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { SearchPage } from "../../workers/search/backend";
import { relaxations } from "../../workers/search/relaxation";
import type { ResolvedToken } from "../../workers/search/spelling";
import { refreshVocabulary } from "../../workers/search/vocabulary";
import { api } from "../helpers/http";
import { addFixtureProduct, seedFixtureCatalog } from "./fixture-catalog";

async function search(q: string): Promise<SearchPage> {
  const res = await api(`/api/products?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchPage;
}

// Real shopper queries the corrector used to rewrite into something else.
describe("spelling correction leaves real words alone", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    await addFixtureProduct("fx_dellmon", "Dell 27 Monitor S2721HN (Full HD)", "Dell", "fx-electronics", 12999);
    await addFixtureProduct("fx_mouse", "Logitech MX Master 3S Wireless Mouse (Graphite)", "Logitech", "fx-accessories", 8999);
    await addFixtureProduct("fx_theater", "Sony HT-S20R Home Theater System (5.1 Ch)", "Sony", "fx-electronics", 15999);
    await addFixtureProduct("fx_nightsuit", "Zivame Women's Cotton Nightsuit (L, Mustard)", "Zivame", "fx-home", 1299);
    await addFixtureProduct("fx_incipio", "Incipio Duo Case for Samsung Galaxy S24", "Incipio", "fx-accessories", 1499);
    await addFixtureProduct("fx_insp", "Dell Inspiron 14 (Intel Core i5, 16GB RAM, 512GB SSD)", "Dell", "fx-laptops", 54999);
    await addFixtureProduct("fx_organiser", "Wildcraft Pocket Organiser (Black)", "Wildcraft", "fx-accessories", 499);
    await addFixtureProduct("fx_yt", "Xiaomi Mi TV Stick with YouTube (Protective Case Included)", "Xiaomi", "fx-tv", 3499);
    await addFixtureProduct("fx_cooker", "Hawkins Classic Pressure Cooker (3 L, Aluminium)", "Hawkins", "fx-home", 1899);
    await addFixtureProduct("fx_gray", "Wildcraft Trailblazer Backpack (Gray)", "Wildcraft", "fx-accessories", 2199);
    await addFixtureProduct("fx_grey", "Skybags Brat Backpack (Grey)", "Skybags", "fx-accessories", 1199);
    await addFixtureProduct("fx_sanitiser", "Dettol Hand Sanitisers (Pack of 3)", "Dettol", "fx-home", 299);
    await addFixtureProduct("fx_nike9", "Nike Revolution 7 Running Shoes (UK 9, Black)", "Nike", "fx-accessories", 3695);
    await addFixtureProduct("fx_nike7", "Nike Court Vision Low Sneakers (UK 7, White)", "Nike", "fx-accessories", 4995);
    // What a shopper's "size" and "men" find when any word will do.
    await addFixtureProduct("fx_mattress", "Sleepwell King Size Mattress (6 inch)", "Sleepwell", "fx-home", 15999);
    await addFixtureProduct("fx_jeans", "Levi's Men's 511 Slim Jeans (Blue, 32)", "Levi's", "fx-accessories", 2999);
    await refreshVocabulary(env.DB);
  });

  it("finds a listing by its British or American spelling, whichever the shopper types", async () => {
    const ids = async (q: string) => (await search(q)).items.map((i) => i.id).sort();
    expect(await ids("aluminum pressure cooker")).toEqual(["fx_cooker"]);
    expect(await ids("aluminium cooker")).toEqual(["fx_cooker"]);
    expect(await ids("gray backpack")).toEqual(["fx_gray", "fx_grey"]);
    expect(await ids("grey backpacks")).toEqual(["fx_gray", "fx_grey"]);
    expect(await ids("pocket organizer")).toEqual(["fx_organiser"]);
    expect(await ids("home theatre")).toEqual(["fx_theater"]);
    expect(await ids("hand sanitizer")).toEqual(["fx_sanitiser"]);
    // Found as typed: nothing was corrected.
    expect((await search("aluminum cooker")).corrected_query).toBeNull();
  });

  it("does not turn a common word the catalog lacks into a catalog word", async () => {
    const cell = await search("cell phones");
    expect(cell.corrected_query).toBeNull();
    expect(cell.items[0]?.category_id).toBe("fx-mobiles");
    expect(cell.items.map((i) => i.brand)).not.toContain("Dell");
    for (const q of ["toaster", "heaters", "weights"]) {
      const page = await search(q);
      expect(page.corrected_query, q).toBeNull();
      expect(page.total, q).toBe(0);
    }
  });

  it("reads a submitted last word whole, not as the start of a longer word", async () => {
    const inch = await search("macbook pro 13 inch");
    expect(inch.corrected_query).toBeNull();
    expect(inch.items[0]?.id).toBe("fx_mbp");
    // "poco" is a phone brand this store does not sell, not the start of "pocket".
    const poco = await search("poco");
    expect(poco.corrected_query).toBeNull();
    expect(poco.total).toBe(0);
  });

  it("reads a submitted last word as cut short only when it is no word and long enough to tell", async () => {
    expect((await search("macb")).items.map((i) => i.id).sort()).toEqual(["fx_mba", "fx_mbp"]);
    // Not the start of "youtube", nor "pr" of "protective": the words before them decide.
    const you = await search("thank you");
    expect(you.total).toBe(0);
    const pr = await search("iphone 15 pr");
    expect(pr.items.map((i) => i.id)).toContain("fx_ip15");
  });

  it("drops a correction when no product has every word after it", async () => {
    // "itel" is a phone brand one letter from "intel", which no phone mentions.
    const page = await search("itel phones");
    expect(page.corrected_query).toBeNull();
    expect(page.relaxed).toBe(true);
    expect(page.items[0]?.category_id).toBe("fx-mobiles");
    expect(page.items.map((i) => i.id)).not.toContain("fx_insp");
  });

  it("leaves out a word that says whom or what size it is for before settling for any word", async () => {
    // No title says "size" or "men": the shoes are what was asked for, not whatever says "9" or "men".
    const sized = await search("nike shoes size 9");
    expect(sized.relaxed).toBe(true);
    expect(sized.items.map((i) => i.id)).toEqual(["fx_nike9"]);
    const men = await search("men running shoes");
    expect(men.relaxed).toBe(true);
    expect(men.items.map((i) => i.id)).toEqual(["fx_nike9"]);
  });

  it("finds everyday shopping words typed in Hindi", async () => {
    expect((await search("जूते")).items.map((i) => i.id)).toEqual(["fx_nike9"]);
    const page = await search("nike जूते");
    expect(page.items.map((i) => i.id)).toEqual(["fx_nike9"]);
    expect(page.relaxed).toBe(false);
  });

  it("still corrects real misspellings", async () => {
    const page = await search("samsng galxy");
    expect(page.corrected_query).toBe("samsung galaxy");
    expect(page.items[0]?.title).toMatch(/^Samsung Galaxy/);
  });
});

describe("relaxing a query no product matches whole", () => {
  const words = (...texts: string[]): ResolvedToken[] => texts.map((text) => ({ text, partial: false, corrections: [] }));
  const tried = (...texts: string[]) =>
    relaxations(words(...texts)).map((r) => `${r.anyWord ? "any of " : ""}${r.tokens.map((t) => t.text).join(" ")}`);

  it("leaves out a modifier, then a number, then the later words, before any word will do", () => {
    expect(tried("nike", "shoes", "size", "9")).toEqual(["nike shoes 9", "nike shoes size", "nike size 9", "any of nike shoes size 9"]);
    expect(tried("men", "running", "shoes")).toEqual(["running shoes", "men running", "men shoes", "any of men running shoes"]);
    // Two words: one alone says too little, so any of them.
    expect(tried("samsung", "size")).toEqual(["any of samsung size"]);
  });
});

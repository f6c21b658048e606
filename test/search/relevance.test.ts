import { beforeAll, describe, expect, it } from "vitest";
import type { SearchPage } from "../../workers/search/backend";
import { api } from "../helpers/http";
import { addFixtureCategory, addFixtureProduct, seedFixtureCatalog } from "./fixture-catalog";

async function search(query: string): Promise<SearchPage> {
  const res = await api(`/api/products?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchPage;
}

describe("search relevance on the fixture catalog", () => {
  beforeAll(seedFixtureCatalog);

  it("puts the product whose title was typed exactly first", async () => {
    const page = await search(`q=${encodeURIComponent("Apple iPhone 15 (128 GB) - Black")}`);
    expect(page.items[0]?.id).toBe("fx_ip15");
    const pro = await search(`q=${encodeURIComponent("Apple iPhone 15 Pro (256 GB) - Natural Titanium")}`);
    expect(pro.items[0]?.id).toBe("fx_ip15p");
  });

  it("finds Samsung Galaxy phones for 'samsng galxy' and says what it corrected", async () => {
    const page = await search("q=samsng%20galxy");
    expect(page.corrected_query).toBe("samsung galaxy");
    expect(page.total).toBeGreaterThanOrEqual(4);
    for (const item of page.items.slice(0, 3)) expect(item.title).toMatch(/^Samsung Galaxy/);
  });

  it("finds a brand's phones for its smart phones, and power banks for a powerbank", async () => {
    await addFixtureProduct("fx_powerbank", "Anker PowerCore 10000 Power Bank (Black)", "Anker", "fx-accessories", 1799);
    // Neither the phones' titles nor their category say "smart": as typed, only the TV did.
    for (const q of ["samsung smart phones", "samsung smartphone"]) {
      const ids = (await search(`q=${encodeURIComponent(q)}`)).items.map((i) => i.id);
      expect(ids.slice(0, 3).sort()).toEqual(["fx_a15", "fx_m14", "fx_s24"]);
      expect(ids).not.toContain("fx_tv");
    }
    const banks = await search("q=powerbank");
    expect(banks.items.map((i) => i.id)).toEqual(["fx_powerbank"]);
  });

  it("ranks the brand's products of the asked-for type above its other products", async () => {
    const page = await search("q=samsung%20phone");
    const ids = page.items.map((i) => i.id);
    // Phones carry "phone" through their category name, "Mobile Phones"; the TV has no such word.
    expect(ids).toContain("fx_m14");
    expect(ids).not.toContain("fx_tv");
    const laptops = await search("q=apple%20laptop");
    expect(
      laptops.items
        .slice(0, 2)
        .map((i) => i.id)
        .sort(),
    ).toEqual(["fx_mba", "fx_mbp"]);
  });

  it("ranks the product itself above accessories for it, even a more popular one", async () => {
    const page = await search("q=iphone");
    expect(
      page.items
        .slice(0, 2)
        .map((i) => i.id)
        .sort(),
    ).toEqual(["fx_ip15", "fx_ip15p"]);
    expect(page.items.map((i) => i.id)).toContain("fx_ipcase");
  });

  it("ranks what the query names above products that only carry its word, in a brand or after a 'with'", async () => {
    await addFixtureCategory("fx-menswear", "Men's Clothing", "fx-home");
    // The jacket carries "jeans" in its brand and early in its title, the jeans only at their end.
    await addFixtureProduct("fx_pepe_jacket", "Pepe Jeans Men's Solid Puffer Jacket (M, Black)", "Pepe Jeans", "fx-menswear", 2999);
    await addFixtureProduct("fx_spykar_jeans", "Spykar Men's Slim Fit Mid Rise Jeans (M, Navy)", "Spykar", "fx-menswear", 1999);
    const jeans = await search("q=jeans");
    expect(jeans.items.map((i) => i.id)).toEqual(["fx_spykar_jeans", "fx_pepe_jacket"]);
    // A kurta with a churidar is a kurta; the churidar sold alone is what "churidar" asks for,
    // though its longer title scores lower on the text alone.
    await addFixtureProduct("fx_kurta_set", "Manyavar Kurta with Churidar (M, Cream)", "Manyavar", "fx-menswear", 2499);
    await addFixtureProduct(
      "fx_churidar",
      "FabIndia Men's Cotton Slim Fit Ankle Length Churidar (M, Cream)",
      "FabIndia",
      "fx-menswear",
      999,
    );
    const churidar = await search("q=churidars");
    expect(churidar.items.map((i) => i.id)).toEqual(["fx_churidar", "fx_kurta_set"]);
    const kurta = await search("q=kurta");
    expect(kurta.items.map((i) => i.id)).toEqual(["fx_kurta_set"]);
  });

  it("finds phone cases for a mobile's cover or a back cover, and not the phones", async () => {
    const covers = await search("q=mobile%20cover");
    expect(covers.relaxed).toBeFalsy();
    expect(covers.items.map((i) => i.id).sort()).toEqual(["fx_case", "fx_ipcase"]);
    const iphone = await search("q=back%20cover%20iphone%2015");
    expect(iphone.items.map((i) => i.id)).toEqual(["fx_ipcase"]);
  });

  it("finds refrigerators for 'fridge', as for 'refrigerator'", async () => {
    await addFixtureCategory("fx-fridges", "Refrigerators", "fx-home");
    await addFixtureProduct("fx_lg_fridge", "LG 242 L 3 Star Frost-Free Double Door Refrigerator", "LG", "fx-fridges", 25990);
    for (const q of ["fridge", "double%20door%20fridge", "lg%20fridges"]) {
      const page = await search(`q=${q}`);
      expect(page.relaxed, q).toBeFalsy();
      expect(page.items.map((i) => i.id)[0], q).toBe("fx_lg_fridge");
    }
  });

  it("matches the word still being typed as a prefix", async () => {
    const page = await search("q=macb");
    expect(page.items.map((i) => i.id).sort()).toEqual(["fx_mba", "fx_mbp"]);
  });

  it("treats a plural like its singular", async () => {
    const page = await search("q=cooktops");
    expect(page.items.map((i) => i.id).sort()).toEqual(["fx_glen", "fx_pic"]);
  });

  it("boosts the better-selling, better-rated product among equally good text matches", async () => {
    const page = await search("q=cooktop");
    expect(page.items[0]?.id).toBe("fx_pic");
  });

  it("falls back to products with some of the words when none has all, and says so", async () => {
    const page = await search("q=duracell%20zzzqqq");
    expect(page.relaxed).toBe(true);
    expect(page.items[0]?.id).toBe("fx_dura");
  });

  it("treats FTS5 syntax in a query as plain words", async () => {
    const page = await search(`q=${encodeURIComponent('samsung" OR NEAR(* "')}`);
    expect(page.items.every((i) => i.brand === "Samsung" || i.title.includes("Samsung"))).toBe(true);
  });
});

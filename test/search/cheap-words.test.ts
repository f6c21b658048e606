import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { parseSortIntent } from "../../workers/search/sort-intent";
import { api } from "../helpers/http";
import { addFixtureCategory, addFixtureProduct, seedFixtureCatalog } from "./fixture-catalog";

interface Page {
  items: Array<{ id: string; price: number }>;
  next_cursor: string | null;
  relaxed: boolean;
  price_phrase: { q: string; price_min: number | null; price_max: number | null } | null;
  sort_phrase: { q: string; sort: string; words: string; category: { slug: string; name: string } | null } | null;
}

async function search(query: string, limit = 60): Promise<Page> {
  const res = await api(`/api/products?${query}&limit=${limit}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

const q = (text: string) => `q=${encodeURIComponent(text)}`;
const ids = (page: Page) => page.items.map((i) => i.id);

// The fixture's laptops, cheapest first: the HP Chromebook at ₹22,990 and the MacBook Air and Pro,
// with three more added below. Their bags and sleeves carry "laptop" in the title and cost less.
const LAPTOPS = ["fx_cbook", "ck_acer", "ck_ideapad", "ck_mba_m1", "fx_mba", "fx_mbp"];
// "MacBook" names no category: three MacBooks are laptops, and a sleeve and a charger for them, cheaper, are accessories.
const MACBOOKS = ["ck_mba_m1", "fx_mba", "fx_mbp"];
const MACBOOK_GEAR = ["ck_mb_sleeve", "ck_mb_charger"];
const LAPTOP_GEAR = ["ck_sleeve", "ck_backpack", "ck_pad"];
const TVS = ["ck_mitv", "fx_tv"];
const TV_GEAR = ["ck_stick", "ck_remote"];
// LG's three monitors are three models; its bestselling washer is one model in twenty sizes and colours.
const LG_MONITORS = ["ck_lg_24", "ck_lg_27", "ck_lg_32"];
const LG_WASHER_SIZES = Array.from({ length: 20 }, (_, i) => `ck_lg_w${i}`);

async function seed(): Promise<void> {
  await seedFixtureCatalog();
  await addFixtureProduct("ck_acer", "Acer Aspire Lite AL15 (8GB RAM, 512GB SSD)", "Acer", "fx-laptops", 28990);
  await addFixtureProduct("ck_ideapad", "Lenovo IdeaPad Slim 3 Laptop (16GB, 512GB SSD)", "Lenovo", "fx-laptops", 35990);
  await addFixtureProduct("ck_sleeve", "Dell Laptop Sleeve 14 (Graphite)", "Dell", "fx-accessories", 999);
  await addFixtureProduct("ck_backpack", "Wildcraft Laptop Backpack 35 L (Red)", "Wildcraft", "fx-accessories", 1999);
  await addFixtureProduct("ck_pad", "Zebronics Laptop Cooling Pad with 2 Fans", "Zebronics", "fx-accessories", 699);
  await addFixtureProduct("ck_mitv", "Xiaomi 32 inch HD Ready Smart LED TV", "Xiaomi", "fx-tv", 12999);
  await addFixtureProduct("ck_stick", "Amazon Fire TV Stick 4K with Alexa Voice Remote", "Amazon", "fx-accessories", 3999);
  await addFixtureProduct("ck_remote", "Universal TV Remote for LED TV", "Generic", "fx-accessories", 299);
  await addFixtureProduct("ck_charger", "Ambrane 20W Fast Mobile Charger (Type C)", "Ambrane", "fx-accessories", 399);
  await addFixtureProduct("ck_mba_m1", "Apple MacBook Air M1 (8GB, 256GB SSD)", "Apple", "fx-laptops", 69990);
  await addFixtureProduct("ck_mb_sleeve", "Tomtoc MacBook Sleeve for MacBook Air and MacBook Pro 13", "Tomtoc", "fx-accessories", 1499);
  await addFixtureProduct("ck_mb_charger", "Apple 70W USB-C Power Adapter for MacBook", "Apple", "fx-accessories", 5900);
  await addFixtureCategory("ck-monitors", "Monitors", "fx-home");
  await addFixtureCategory("ck-washers", "Washing Machines", "fx-home");
  await addFixtureProduct("ck_lg_24", "LG UltraGear Gaming Monitor 24 inch Full HD IPS", "LG", "ck-monitors", 11999);
  await addFixtureProduct("ck_lg_27", "LG UltraFine 4K Monitor 27 inch IPS with USB-C", "LG", "ck-monitors", 27999);
  await addFixtureProduct("ck_lg_32", "LG 32 inch QHD Curved Monitor with AMD FreeSync", "LG", "ck-monitors", 23999);
  for (const [i, id] of LG_WASHER_SIZES.entries())
    await addFixtureProduct(
      id,
      `LG Washer (${6 + (i % 5)} kg, ${["Grey", "White", "Silver", "Blue"][i % 4]})`,
      "LG",
      "ck-washers",
      14990 + i * 1000,
    );
  // One family, as the seed keys sizes and colours of a model, and the best seller: its sizes rank above the monitors.
  await env.DB.prepare("UPDATE products SET family = 'ck_lg_washer', popularity = 5000 WHERE id GLOB 'ck_lg_w*'").run();
}

describe("words asking for the cheapest first", () => {
  beforeAll(seed);

  it("lists the laptops cheapest first, before any laptop bag or sleeve", async () => {
    const page = await search(q("sasta laptop"));
    expect(page.sort_phrase).toEqual({ q: "laptop", sort: "price_asc", words: "sasta", category: null });
    expect(page.relaxed).toBe(false);
    expect(ids(page).slice(0, LAPTOPS.length)).toEqual(LAPTOPS);
    expect(ids(page).slice(LAPTOPS.length).sort()).toEqual([...LAPTOP_GEAR].sort());
    // By relevance the laptops come first too, but not cheapest first.
    expect(ids(await search(q("laptop"))).slice(0, LAPTOPS.length)).not.toEqual(LAPTOPS);
  });

  it("pages through every laptop once, in price order, and then the rest", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages === 0 || cursor; pages++) {
      expect(pages).toBeLessThan(10);
      const page = await search(`${q("cheap laptop")}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, 2);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      cursor = page.next_cursor;
    }
    expect(seen.slice(0, LAPTOPS.length)).toEqual(LAPTOPS);
    expect(seen.slice(LAPTOPS.length).sort()).toEqual([...LAPTOP_GEAR].sort());
    expect(new Set(seen).size).toBe(seen.length);
    // The rest follow in relevance's order, as the same words rank them on one page.
    expect(seen).toEqual(ids(await search(q("cheap laptop"))));
  });

  it("puts the televisions before TV sticks and remotes", async () => {
    const page = await search(q("budget tv"));
    expect(page.sort_phrase).toEqual({ q: "tv", sort: "price_asc", words: "budget", category: null });
    expect(ids(page).slice(0, TVS.length)).toEqual(TVS);
    expect(ids(page).slice(TVS.length).sort()).toEqual([...TV_GEAR].sort());
  });

  it('reads "mobile" as the phones, as shoppers in India call them, cheapest first before a mobile charger', async () => {
    const page = await search(q("sasta mobile"));
    expect(page.sort_phrase).toEqual({ q: "mobile", sort: "price_asc", words: "sasta", category: null });
    // The phones in stock, cheapest first; the charger, cheaper than any, only after every phone.
    expect(ids(page).slice(0, 5)).toEqual(["fx_m14", "fx_a15", "fx_redmi", "fx_ip15", "fx_s24"]);
    expect(ids(page).indexOf("ck_charger")).toBeGreaterThan(ids(page).indexOf("fx_ip15p"));
  });

  it("lets a sort the shopper chose win over the words, which are still not searched", async () => {
    const relevance = await search(`${q("sasta laptop")}&sort=relevance`);
    expect(relevance.sort_phrase).toBeNull();
    expect(relevance.relaxed).toBe(false);
    expect(ids(relevance)).toEqual(ids(await search(q("laptop"))));
    const cheapest = await search(`${q("sasta laptop")}&sort=price_asc`);
    expect(cheapest.sort_phrase).toBeNull();
    expect(ids(cheapest)[0]).toBe("ck_pad");
  });

  it("lists the MacBooks cheapest first, before their sleeves and chargers, for a query naming a model line", async () => {
    const page = await search(q("cheapest macbook"));
    expect(page.sort_phrase).toEqual({
      q: "macbook",
      sort: "price_asc",
      words: "cheapest",
      category: { slug: "fx-laptops", name: "Laptops" },
    });
    expect(page.relaxed).toBe(false);
    expect(ids(page).slice(0, MACBOOKS.length)).toEqual(MACBOOKS);
    expect(ids(page).slice(MACBOOKS.length).sort()).toEqual([...MACBOOK_GEAR].sort());
    // By relevance a sleeve named three times over comes before some MacBook.
    expect(ids(await search(q("macbook"))).slice(0, MACBOOKS.length)).not.toEqual(MACBOOKS);
  });

  it("pages through every MacBook once, in price order, and then the rest", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages === 0 || cursor; pages++) {
      expect(pages).toBeLessThan(10);
      const page = await search(`${q("sasta macbook")}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, 2);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      cursor = page.next_cursor;
    }
    expect(seen.slice(0, MACBOOKS.length)).toEqual(MACBOOKS);
    expect(seen.slice(MACBOOKS.length).sort()).toEqual([...MACBOOK_GEAR].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(ids(await search(q("sasta macbook"))));
  });

  it("sorts a brand's phones cheapest first when most of its best matches are phones", async () => {
    const page = await search(q("cheap samsung"));
    expect(page.sort_phrase).toEqual({
      q: "samsung",
      sort: "price_asc",
      words: "cheap",
      category: { slug: "fx-mobiles", name: "Mobile Phones" },
    });
    expect(ids(page).slice(0, 3)).toEqual(["fx_m14", "fx_a15", "fx_s24"]);
    // The tablet, the TV and the phone case follow in relevance's order.
    const rest = ids(await search(q("samsung"))).filter((id) => !["fx_m14", "fx_a15", "fx_s24"].includes(id));
    expect(ids(page).slice(3)).toEqual(rest);
  });

  it("counts a model with many sizes once, so a brand's other models are not crowded out of the vote", async () => {
    // Ranked by relevance, the washer's twenty sizes come before every monitor.
    const byRelevance = await search(`${q("lg")}&group=product`);
    expect(ids(byRelevance).slice(0, LG_WASHER_SIZES.length).sort()).toEqual([...LG_WASHER_SIZES].sort());
    const page = await search(q("cheapest lg"));
    expect(page.sort_phrase?.category).toEqual({ slug: "ck-monitors", name: "Monitors" });
    expect(ids(page).slice(0, 3)).toEqual(["ck_lg_24", "ck_lg_32", "ck_lg_27"]);
    expect(ids(page)).toHaveLength(LG_MONITORS.length + 1);
  });

  it("lets a sort the shopper chose win over the words for a model line too", async () => {
    const relevance = await search(`${q("cheapest macbook")}&sort=relevance`);
    expect(relevance.sort_phrase).toBeNull();
    expect(ids(relevance)).toEqual(ids(await search(q("macbook"))));
  });

  it("reads a budget and the words together", async () => {
    const page = await search(q("cheap laptop under 100000"));
    expect(page.price_phrase).toEqual({ q: "cheap laptop", price_min: null, price_max: 10_000_000 });
    expect(page.sort_phrase).toEqual({ q: "laptop", sort: "price_asc", words: "cheap", category: null });
    expect(ids(page).slice(0, 5)).toEqual(["fx_cbook", "ck_acer", "ck_ideapad", "ck_mba_m1", "fx_mba"]);
  });

  it("searches the words as typed when asked to", async () => {
    const page = await search(`${q("sasta laptop")}&as_typed=true`);
    expect(page.sort_phrase).toBeNull();
  });
});

describe("the words read as cheapest first", () => {
  it("are whole words however they are typed, and leave the rest to search", () => {
    expect(parseSortIntent("sabse sasta samsung")).toEqual({ text: "samsung", words: "sabse sasta" });
    expect(parseSortIntent("laptop lowest price")).toEqual({ text: "laptop", words: "lowest price" });
    expect(parseSortIntent("low price mobile")).toEqual({ text: "mobile", words: "low price" });
    expect(parseSortIntent("Cheap Earphones")).toEqual({ text: "Earphones", words: "Cheap" });
    expect(parseSortIntent("सबसे सस्ता मोबाइल")).toEqual({ text: "मोबाइल", words: "सबसे सस्ता" });
    expect(parseSortIntent("budgetary laptop")).toEqual({ text: "budgetary laptop", words: null });
    expect(parseSortIntent("low noise fan")).toEqual({ text: "low noise fan", words: null });
  });
});

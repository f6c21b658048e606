import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { addFixtureProduct, seedFixtureCatalog } from "./fixture-catalog";

interface Page {
  total: number;
  items: Array<{ id: string }>;
}

async function search(q: string): Promise<Page> {
  const res = await api(`/api/products?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

describe("titles outside the Latin alphabet", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    await addFixtureProduct("sc_hi_phone", "सैमसंग मोबाइल फ़ोन काला", "Samsung", "fx-mobiles", 15999);
    await addFixtureProduct("sc_ta_phone", "சாம்சங் கைபேசி", "Samsung", "fx-mobiles", 14999);
    await addFixtureProduct("sc_ru_kettle", "Чайник электрический", "Boilco", "fx-cooktops", 1499);
  });

  it("finds a product by a Hindi word of its title, vowel signs and all", async () => {
    expect((await search("मोबाइल")).items.map((i) => i.id)).toEqual(["sc_hi_phone"]);
    expect((await search("मोबाइल फ़ोन")).items[0]?.id).toBe("sc_hi_phone");
  });

  it("finds a product by a Tamil word of its title", async () => {
    expect((await search("கைபேசி")).items.map((i) => i.id)).toEqual(["sc_ta_phone"]);
  });

  it("keeps letters that are their own letter in a script, not an accented Latin one", async () => {
    // "й" is not "и" with a mark to drop: the index keeps it, and so must the query.
    expect((await search("чайник")).items.map((i) => i.id)).toEqual(["sc_ru_kettle"]);
  });

  it("still reads accented and fullwidth Latin letters as the plain ones", async () => {
    expect((await search("Sámsung Gálaxy")).items.map((i) => i.id)).toContain("fx_s24");
    expect((await search("ＭａｃＢｏｏｋ")).items.map((i) => i.id)).toContain("fx_mba");
  });
});

import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Suggestion } from "../../workers/search/backend";
import { rebuildSuggestions } from "../../workers/search/suggestions";
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

async function suggest(q: string): Promise<Suggestion[]> {
  const res = await api(`/api/autocomplete?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { suggestions: Suggestion[] }).suggestions;
}

describe("titles outside the Latin alphabet", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    await addFixtureProduct("sc_hi_phone", "सैमसंग मोबाइल फ़ोन काला", "Samsung", "fx-mobiles", 15999);
    await addFixtureProduct("sc_ta_phone", "சாம்சங் கைபேசி", "Samsung", "fx-mobiles", 14999);
    await addFixtureProduct("sc_ru_kettle", "Чайник электрический", "Boilco", "fx-cooktops", 1499);
    // Titles with none of the phones' words, only pieces of them between vowel signs: "मिर्च",
    // "बॉक्स" and "इलायची" hold "म", "ब" and "इल" of "मोबाइल"; "காபி" and "சாம்பார்" hold "க", "ப"
    // and "ச" of "கைபேசி".
    await addFixtureProduct("sc_hi_spice", "इलायची मिर्च मसाला बॉक्स", "Masalaco", "fx-cooktops", 299);
    await addFixtureProduct("sc_ta_spice", "காபி மற்றும் சாம்பார் பொடி", "Masalaco", "fx-cooktops", 249);
    await rebuildSuggestions(env.DB);
  });

  it("finds a product by a Hindi word of its title, vowel signs and all", async () => {
    // First: the English listings "मोबाइल" also finds ("mobile") come after the title that says it.
    expect((await search("मोबाइल")).items[0]?.id).toBe("sc_hi_phone");
    expect((await search("मोबाइल फ़ोन")).items[0]?.id).toBe("sc_hi_phone");
    // A Hindi word with no English one beside it finds the Hindi title alone.
    expect((await search("सैमसंग")).items.map((i) => i.id)).toEqual(["sc_hi_phone"]);
  });

  it("finds a product by a Tamil word of its title", async () => {
    expect((await search("கைபேசி")).items.map((i) => i.id)).toEqual(["sc_ta_phone"]);
  });

  it("lists a title with the whole Hindi or Tamil word first, and none that only share pieces of it", async () => {
    const hindi = await search("मोबाइल");
    expect(hindi.items[0]?.id).toBe("sc_hi_phone");
    expect(hindi.items.map((i) => i.id)).not.toContain("sc_hi_spice");
    const tamil = await search("கைபேசி");
    expect(tamil.items[0]?.id).toBe("sc_ta_phone");
    expect(tamil.items.map((i) => i.id)).not.toContain("sc_ta_spice");
  });

  it("does not find a word by a piece of it cut at a vowel sign", async () => {
    // "बाइल" is the end of "मोबाइल", "பேசி" the end of "கைபேசி": no title has either word.
    expect((await search("बाइल")).items.map((i) => i.id)).not.toContain("sc_hi_phone");
    expect((await search("பேசி")).items.map((i) => i.id)).not.toContain("sc_ta_phone");
  });

  it("suggests a Hindi or Tamil title for the start of its word, and not titles sharing only pieces", async () => {
    const hindi = (await suggest("मोबा")).map((x) => x.ref);
    expect(hindi).toContain("sc_hi_phone");
    expect(hindi).not.toContain("sc_hi_spice");
    const tamil = (await suggest("கைபே")).map((x) => x.ref);
    expect(tamil).toContain("sc_ta_phone");
    expect(tamil).not.toContain("sc_ta_spice");
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

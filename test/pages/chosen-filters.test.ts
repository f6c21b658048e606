import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { addFixtureCategory, addFixtureProduct, seedFixtureCatalog } from "../search/fixture-catalog";

/** The query a browser would send if the shopper submitted the page's filter form untouched. */
function submitted(html: string): URLSearchParams {
  const start = html.indexOf('<form class="filters"');
  const form = html.slice(start, html.indexOf("</form>", start));
  const qs = new URLSearchParams();
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? "";
    const type = /type="([^"]+)"/.exec(tag)?.[1] ?? "text";
    if (!name || ((type === "checkbox" || type === "radio") && !/ checked/.test(tag))) continue;
    if (value !== "") qs.append(name, value);
  }
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const value = /<option value="([^"]*)" selected/.exec(m[2] ?? "")?.[1] ?? "";
    if (value !== "") qs.append(m[1] ?? "", value);
  }
  return qs;
}

async function page(path: string): Promise<string> {
  const res = await api(path);
  expect(res.status).toBe(200);
  return res.text();
}

describe("a results page's filter form keeps every filter the results were chosen by", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    // Thirteen brands of lamps: twelve with two each, and Zenlux with one, ranked last.
    await addFixtureCategory("cf-lamps", "Lamps", "fx-home");
    for (let i = 1; i <= 12; i++) {
      const brand = `Lampco ${String(i).padStart(2, "0")}`;
      await addFixtureProduct(`cf_lamp_${i}_a`, `${brand} Desk Lamp`, brand, "cf-lamps", 900);
      await addFixtureProduct(`cf_lamp_${i}_b`, `${brand} Floor Lamp`, brand, "cf-lamps", 1900);
    }
    await addFixtureProduct("cf_lamp_zen", "Zenlux Desk Lamp", "Zenlux", "cf-lamps", 900);
  });

  it("shows a chosen brand that has nothing in a price range chosen since, ticked, so it can be taken off", async () => {
    // Samsung's cheapest is ₹12,999: nothing matches, and the page must say which brand is asking.
    const html = await page("/search?q=samsung&brand=Samsung&price_max=500");
    expect(html).toContain("Nothing matches these filters");
    expect(html).toMatch(/<input type="checkbox" name="brand" value="Samsung" checked/);
    expect(submitted(html).getAll("brand")).toEqual(["Samsung"]);
  });

  it("shows a chosen brand that ranks below the brands listed", async () => {
    const html = await page("/search?category=cf-lamps&brand=Zenlux");
    expect(html).toMatch(/<input type="checkbox" name="brand" value="Zenlux" checked/);
    // Sorting the results again keeps them Zenlux's.
    const again = submitted(html);
    expect(again.getAll("brand")).toEqual(["Zenlux"]);
    again.set("sort", "price_desc");
    const resorted = await page(`/search?${again}`);
    expect([...resorted.matchAll(/href="\/products\/([^"]+)" class="card-link"/g)].map((m) => m[1])).toEqual(["cf_lamp_zen"]);
  });

  it("shows a chosen category the category list leaves out, and a rating the rating list does not offer", async () => {
    // Electronics holds no product itself, so the category facet lists only its subcategories.
    const html = await page("/search?q=samsung&category=fx-electronics&rating_min=1");
    expect(html).toMatch(/<input type="radio" name="category" value="fx-electronics" checked/);
    expect(html).toMatch(/<option value="1" selected/);
    const again = submitted(html);
    expect(again.get("category")).toBe("fx-electronics");
    expect(again.get("rating_min")).toBe("1");
  });
});

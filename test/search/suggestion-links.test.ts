import "../../public/static/suggestion-links.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Suggestion } from "../../workers/search/backend";
import { api } from "../helpers/http";
import { seedFixtureCatalog } from "./fixture-catalog";

interface SuggestionLink {
  kind: string;
  text: string;
  href: string;
}

// What public/static/suggestion-links.js publishes for app.js.
const { suggestionHref, suggestionLinks } = (
  globalThis as unknown as {
    bazaarSuggestions: { suggestionHref: (s: Suggestion) => string; suggestionLinks: (data: unknown) => SuggestionLink[] };
  }
).bazaarSuggestions;

async function linksFor(q: string): Promise<SuggestionLink[]> {
  const res = await api(`/api/autocomplete?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return suggestionLinks(await res.json());
}

describe("where a search suggestion leads", () => {
  beforeAll(seedFixtureCatalog);

  it("opens a product's page, a brand's products, or a search for a popular query", async () => {
    const links = await linksFor("sams");
    expect(links).toContainEqual({ kind: "product", text: "Samsung Galaxy S24 Ultra 5G (12GB RAM, 256GB)", href: "/products/fx_s24" });
    expect(links).toContainEqual({ kind: "brand", text: "Samsung", href: "/search?brand=Samsung" });
    expect(links).toContainEqual({ kind: "query", text: "samsung galaxy", href: "/search?q=samsung+galaxy" });
  });

  it("opens a category's page", async () => {
    expect(await linksFor("cookt")).toContainEqual({ kind: "category", text: "Cooktops", href: "/categories/fx-cooktops" });
  });

  it("leads to pages that exist and show what was chosen", async () => {
    const pages: [string, string][] = [
      ["/products/fx_s24", "Samsung Galaxy S24 Ultra 5G"],
      ["/categories/fx-cooktops", "Cooktops"],
      ["/search?brand=Samsung", "Samsung 55 inch Crystal 4K Smart LED TV"],
    ];
    for (const [href, text] of pages) {
      const res = await api(href);
      expect(res.status, href).toBe(200);
      expect(await res.text(), href).toContain(text);
    }
  });

  it("escapes refs into the path and searches by the words when there is no ref", () => {
    expect(suggestionHref({ kind: "product", text: "Odd", ref: "a/b?c" })).toBe("/products/a%2Fb%3Fc");
    expect(suggestionHref({ kind: "category", text: "Home & Kitchen", ref: null })).toBe("/search?q=Home+%26+Kitchen");
    expect(suggestionLinks(null)).toEqual([]);
    expect(suggestionLinks({ suggestions: [{ kind: "query", text: "" }, null] })).toEqual([]);
  });
});

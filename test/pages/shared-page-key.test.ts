import { describe, expect, it } from "vitest";
import { sharedPageQuery } from "../../workers/pages/shared-pages";

const keyOf = (path: string) => sharedPageQuery(new URL(path, "https://shop.example"))?.toString();

describe("a shared page's cache key", () => {
  it("keeps the value the page reads of a parameter sent twice, so two different pages never share a copy", () => {
    // The page reads the first sort; the second is ignored, and must not decide the key.
    expect(keyOf("/search?q=tv&sort=price_asc&sort=newest")).toBe("q=tv&sort=price_asc");
    expect(keyOf("/search?q=tv&sort=newest&sort=price_asc")).toBe("q=tv&sort=newest");
  });

  it("keeps every brand, in one order, and drops what the page does not read", () => {
    expect(keyOf("/search?brand=Sony&q=tv&utm_source=mail&brand=LG")).toBe("brand=LG&brand=Sony&q=tv");
    expect(keyOf("/products/prd_1?fbclid=x")).toBe("");
  });
});

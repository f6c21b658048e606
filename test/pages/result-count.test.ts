import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { seedFixtureCatalog } from "../search/fixture-catalog";

/** What a results page says it found. */
async function countLine(path: string): Promise<string> {
  const html = await (await api(path)).text();
  return /data-result-count="true">([^<]*)</.exec(html)?.[1] ?? "";
}

describe("the results page's count", () => {
  beforeAll(seedFixtureCatalog);

  it("says one result in the singular and more in the plural", async () => {
    expect(await countLine("/search?q=samsung&brand=Spigen")).toBe("1 result");
    expect(await countLine("/search?q=samsung")).toMatch(/^[2-9]\d* results$/);
  });
});

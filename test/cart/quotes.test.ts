import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { quoteListings } from "../../workers/cart/pricing";
import { createListingFixture } from "../helpers/catalog";

describe("quoting listings", () => {
  it("quotes more listings than one statement may bind, for an account too", async () => {
    const f = await createListingFixture();
    // A full cart and saved list, and then some: ids that do not exist are simply not quoted.
    const ids = [...Array.from({ length: 149 }, (_, i) => `lst_missing_${i}`), f.listingId];
    for (const account of [null, "usr_quotes"]) {
      const quotes = await quoteListings(env.DB, ids, account);
      expect([...quotes.keys()]).toEqual([f.listingId]);
      expect(quotes.get(f.listingId)).toMatchObject({ dealId: null, dealOrdered: 0 });
    }
  });
});

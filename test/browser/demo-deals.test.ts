import { afterAll, describe, expect, inject, it } from "vitest";
import { ensureDemoDeals } from "../../scripts/demo-deals.mjs";
import { ensureDemoWishlist } from "../../scripts/demo-wishlist.mjs";
import { browserForFile, newShopper, registerShopper, signIn } from "./browser";
import { endOpenDeals, managerToken } from "./deals";

const baseURL = inject("baseURL");
const browser = browserForFile();

// The journeys share one storefront: leave it with no open deal, as the others expect to find it.
afterAll(() => endOpenDeals(baseURL));

/** A shopper of this file's own, so the demo shopper's data stays as the other journeys expect it. */
function registeredShopper(label: string): Promise<{ email: string; password: string }> {
  return registerShopper(baseURL, label, "Kavya Rao");
}

describe("the demo deals a fresh `npm run dev` makes", () => {
  it("puts two flash deals on the home page, one opening within minutes with its waiting room, and makes no more while they are open", async () => {
    // One sign-in for the test: the deal manager's sign-ins are limited per minute, and the journeys share the account.
    const token = await managerToken(baseURL);
    await endOpenDeals(baseURL, token);
    const made = await ensureDemoDeals(baseURL, { token });
    expect(made).toHaveLength(2);
    const opensIn = Date.parse(made[0]?.starts_at ?? "") - Date.now();
    expect(opensIn).toBeGreaterThan(0);
    expect(opensIn).toBeLessThanOrEqual(2 * 60_000);

    // A restart while they are open keeps them.
    await expect(ensureDemoDeals(baseURL, { token })).resolves.toEqual([]);

    const ctx = await newShopper(browser(), baseURL);
    const page = await ctx.newPage();
    // The home page may be cached at the edge from before the deals, for up to its 30 s.
    await expect
      .poll(
        async () => {
          await page.goto("/");
          // Each deal's tile links to its page and names its product (the tile puts the variant in
          // brackets on a line of its own).
          const tiles = await Promise.all(made.map((d) => page.locator(`a[href="/deals/${d.id}"]`).allTextContents()));
          return made.every((d, i) => (tiles[i] ?? []).some((text) => text.includes(d.title.split(" (")[0] ?? d.title)));
        },
        { timeout: 45_000, interval: 2_000 },
      )
      .toBe(true);
    await page.goto(`/deals/${made[0]?.id}`);
    await page.getByRole("button", { name: "Join the waiting room" }).waitFor();
    await expect(page.locator("main").textContent()).resolves.toMatch(/Opens in/);
    await ctx.close();

    // The demo wishlist saves the deals' products first, so the first opening reaches the shopper; once.
    const shopper = await registeredShopper("demo-wishlist");
    const saved = await ensureDemoWishlist(baseURL, { productIds: made.map((d) => d.product_id), shopper });
    expect(saved.map((p) => p.product_id).slice(0, 2)).toEqual(made.map((d) => d.product_id));
    expect(saved.length).toBeGreaterThan(2);
    expect(saved.every((p) => p.title.length > 0)).toBe(true);
    await expect(ensureDemoWishlist(baseURL, { productIds: made.map((d) => d.product_id), shopper })).resolves.toEqual([]);
  });

  it("makes new ones on a restart within the minute after the last ones were ended, not the ended ones again", async () => {
    // One sign-in for the test's own calls: the deal manager's sign-ins are limited per minute.
    const token = await managerToken(baseURL);
    await endOpenDeals(baseURL, token);
    const first = await ensureDemoDeals(baseURL, { token });
    await endOpenDeals(baseURL, token);
    // Same minute, so the same starts: each listing's creation key answers its ended deal again.
    const again = await ensureDemoDeals(baseURL, { token });
    expect(again).toHaveLength(2);
    expect(again.map((d) => d.id).filter((id) => first.some((f) => f.id === id))).toEqual([]);
    for (const d of again) {
      const res = await fetch(`${baseURL}/api/admin/deals/${d.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await res.json()) as { status: string }).status).not.toBe("ended");
    }
  });
});

/** A listing of the demo catalog with stock, and the units a deal could carve from it, as the API says. */
async function demoListingUnits(): Promise<{ listingId: string; dealUnits: number }> {
  const list = (await (await fetch(`${baseURL}/api/products?q=watch&in_stock=true&limit=5`)).json()) as { items: { id: string }[] };
  const token = await managerToken(baseURL);
  for (const item of list.items) {
    const p = (await (await fetch(`${baseURL}/api/products/${item.id}`)).json()) as { buy_box?: { listing_id: string } };
    if (!p.buy_box) continue;
    const read = await fetch(`${baseURL}/api/admin/inventory/deal-units?listing_id=${p.buy_box.listing_id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const [units] = ((await read.json()) as { items: { deal_units: number }[] }).items;
    if (units && units.deal_units > 0) return { listingId: p.buy_box.listing_id, dealUnits: units.deal_units };
  }
  throw new Error("no demo listing with units to carve");
}

describe("the deals console's create form", () => {
  it("gives a listing id typed by hand its units hint and the units field's max, and drops them for an unknown id", async () => {
    const { listingId, dealUnits } = await demoListingUnits();
    const ctx = await newShopper(browser(), baseURL, 1280);
    const page = await ctx.newPage();
    await page.goto("/signin?next=/deals-console");
    await signIn(page, "deals@demo.test");
    await page.waitForURL(/\/deals-console$/);
    const listing = page.getByLabel("Listing id");
    const units = page.locator("input[name='units']");
    const hint = page.locator("#units-hint");
    const neutral = (await hint.getAttribute("data-units-hint")) ?? "";
    expect(neutral).not.toBe("");
    await expect(units.getAttribute("max")).resolves.toBeNull();

    await listing.pressSequentially(listingId);
    const words = `${dealUnits.toLocaleString("en-IN")} ${dealUnits === 1 ? "unit" : "units"}`;
    await hint.filter({ hasText: `Up to ${words} can be carved from the listing's stock` }).waitFor({ timeout: 10_000 });
    await expect(units.getAttribute("max")).resolves.toBe(String(dealUnits));

    await listing.fill("lst_nosuchlisting");
    await listing.press("Tab");
    await expect.poll(() => units.getAttribute("max"), { timeout: 10_000 }).toBeNull();
    await expect(hint.textContent()).resolves.toBe(neutral);
    await ctx.close();
  });
});

import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserForFile, newShopper, screenshots, signIn } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForFile();

/** Reloads a page until `text` appears in `selector`: the catalog's projection is refreshed from a queue. */
async function eventuallyShows(page: Page, url: string, selector: string, text: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(url);
    const found = await page.locator(selector).filter({ hasText: text }).count();
    if (found > 0) return;
    if (Date.now() > deadline) throw new Error(`"${text}" never appeared in ${selector} at ${url}`);
    await page.waitForTimeout(1500);
  }
}

describe("seller journey", () => {
  it("a seller's price change shows on the product page and in search", async () => {
    const ctx = await newShopper(browser(), baseURL, 1280);
    const seller = await ctx.newPage();
    await seller.goto("/signin?next=/seller");
    await signIn(seller, "seller@demo.test");
    await seller.waitForURL(/\/seller$/);
    // A listing with units for sale: a sold-out offer never wins the buy box, however cheap.
    const listing = seller
      .locator("li[data-listing-id]")
      .filter({ has: seller.locator("[data-listing-summary]", { hasText: /· [1-9][\d,]* for sale/ }) })
      .first();
    const listingId = await listing.getAttribute("data-listing-id");
    const title = ((await listing.locator("h2").textContent()) ?? "").trim();
    const productId = await listing.getAttribute("data-product-id");
    expect(listingId).toBeTruthy();
    await screenshots(seller, "seller-console");

    // ₹11.11 undercuts every other seller, so this offer wins the buy box too; its MRP goes down with
    // it, as a price under a tenth of the MRP is refused as a likely typo.
    await listing.getByText("Edit price, status and stock").click();
    await listing.getByLabel("Price (₹)").fill("11.11");
    await listing.getByLabel("MRP (₹)").fill("100");
    await listing.getByRole("button", { name: "Save" }).click();
    await seller.waitForURL(/done=listing/);
    await expect(seller.locator("[role=status]").filter({ hasText: "Listing saved" }).count()).resolves.toBe(1);
    await expect(seller.locator(`li[data-listing-id="${listingId}"] [data-listing-summary]`).textContent()).resolves.toContain("₹11.11");

    const shopper = await (await newShopper(browser(), baseURL)).newPage();
    await eventuallyShows(shopper, `/products/${productId}`, ".buy-box .price", "₹11.11");
    await screenshots(shopper, "product-new-price");
    await eventuallyShows(
      shopper,
      `/search?q=${encodeURIComponent(title)}`,
      `.grid .card:has(a[href="/products/${productId}"]) .price`,
      "₹11.11",
    );
    await ctx.close();
  });

  it("adds received units once when the seller goes Back after adding them and sends the form again", async () => {
    const ctx = await newShopper(browser(), baseURL, 1280);
    const seller = await ctx.newPage();
    await seller.goto("/signin?next=/seller");
    await signIn(seller, "seller@demo.test");
    await seller.waitForURL(/\/seller$/);
    const listing = seller
      .locator("li[data-listing-id]")
      .filter({ has: seller.locator("form[data-stock-receipt]") })
      .first();
    const listingId = (await listing.getAttribute("data-listing-id")) ?? "";
    const forSale = async () => {
      const res = await seller.request.get(`/api/seller/listings/${listingId}`);
      const body = (await res.json()) as { stock: { available: number }[] };
      return body.stock.reduce((n, s) => n + s.available, 0);
    };
    const before = await forSale();
    await listing.getByText("Edit price, status and stock").click();
    const form = listing.locator("form[data-stock-receipt]");
    await form.getByLabel("Received at").selectOption({ index: 1 });
    await form.getByLabel("Received units").fill("3");
    await form.getByRole("button", { name: "Add received units" }).click();
    await seller.waitForURL(/done=received/);
    expect(await forSale()).toBe(before + 3);

    // Back brings the form again, filled in as it was sent; sent again, it adds nothing more.
    await seller.goBack();
    const again = seller.locator(`li[data-listing-id="${listingId}"] form[data-stock-receipt]`);
    await expect(again.getByLabel("Received units").inputValue()).resolves.toBe("3");
    await seller.locator(`li[data-listing-id="${listingId}"]`).getByText("Edit price, status and stock").click();
    await again.getByRole("button", { name: "Add received units" }).click();
    await seller.waitForURL(/done=received_before/);
    await expect(seller.locator("[role=status]").filter({ hasText: "were added already" }).count()).resolves.toBe(1);
    expect(await forSale()).toBe(before + 3);
    await ctx.close();
  });

  it("a seller finds a catalog product they do not sell, lists it with opening stock, and shoppers see the offer", async () => {
    const ctx = await newShopper(browser(), baseURL, 1280);
    const seller = await ctx.newPage();
    await seller.goto("/signin?next=/seller");
    await signIn(seller, "seller@demo.test");
    await seller.waitForURL(/\/seller$/);
    await seller.getByRole("link", { name: "List a product" }).first().click();
    await seller.waitForURL(/\/seller\/new/);
    await seller.getByLabel("Find the product in the catalog").fill("projector");
    await seller.getByRole("button", { name: "Search the catalog" }).click();
    await seller.waitForURL(/q=projector/);
    // The first product on offer that this seller does not sell yet.
    const sell = seller.getByRole("link", { name: /^Sell this/ }).first();
    const productId = ((await sell.getAttribute("href")) ?? "").split("/").pop() ?? "";
    expect(productId).toMatch(/^prd_/);
    await sell.click();
    await seller.waitForURL(new RegExp(`/seller/new/${productId}`));
    await seller.getByLabel("Your price (₹)").fill("1,234");
    await seller.getByLabel("MRP (₹)").fill("9999");
    await seller.getByLabel("Warehouse").selectOption({ index: 1 });
    await seller.getByLabel("Units for sale").fill("7");
    await screenshots(seller, "seller-new-listing");
    await seller.getByRole("button", { name: "List this product" }).click();
    await seller.waitForURL(/done=listed/);
    await expect(seller.locator("[role=status]").filter({ hasText: "is listed" }).textContent()).resolves.toMatch(
      /is listed at ₹1,234 with 7 for sale/,
    );

    // ₹1,234 undercuts the product's other sellers, so shoppers see it as the buy box.
    const shopper = await (await newShopper(browser(), baseURL)).newPage();
    await eventuallyShows(shopper, `/products/${productId}`, ".buy-box", "Demo Electronics Pvt Ltd");
    await expect(shopper.locator(".buy-box .price").textContent()).resolves.toContain("₹1,234");
    await ctx.close();
  });
});

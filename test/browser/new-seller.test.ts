import { describe, expect, inject, it } from "vitest";
import { gstinCheckCharacter } from "../../workers/invoices/gstin";
import { browserForFile, newShopper, screenshots } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForFile();

/** A well-formed Karnataka GSTIN no other run has used: its PAN letters and digits drawn at random. */
function freshGstin(): string {
  const letters = Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26)));
  const digits = String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
  const first14 = `29${letters.slice(0, 5).join("")}${digits}${letters[5]}1Z`;
  return first14 + gstinCheckCharacter(first14);
}

describe("a new seller's first day", () => {
  it("signs up, registers a business, lists a product and re-prices it from a CSV upload", async () => {
    const ctx = await newShopper(browser(), baseURL, 390);
    const page = await ctx.newPage();
    const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

    // A shopper's account first, as anyone starts.
    await page.goto("/signin");
    await page.getByLabel("Your name").fill("Meera Textiles");
    await page.getByLabel("Email").nth(1).fill(`meera-${stamp}@example.test`);
    await page.getByLabel("Password (at least 10 characters)").fill("a-long-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForLoadState("domcontentloaded");

    // From the account page to "Sell on Bazaar"; a typo in the GSTIN is caught beside the field.
    await page.goto("/account");
    await page.getByRole("link", { name: "Sell on Bazaar" }).click();
    await page.waitForURL(/\/seller\/register/);
    const gstin = freshGstin();
    const typo = gstin.slice(0, 14) + (gstin.endsWith("A") ? "B" : "A");
    await page.getByLabel("Business name").fill("Meera Textiles");
    await page.getByLabel("City you ship from").fill("Surat");
    await page.getByLabel("GSTIN").fill(typo);
    await page.getByRole("button", { name: "Register as a seller" }).click();
    await expect(page.getByText(/last character does not match/).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByLabel("Business name").inputValue()).resolves.toBe("Meera Textiles");
    await page.getByLabel("GSTIN").fill(gstin);
    await page.getByRole("button", { name: "Register as a seller" }).click();
    await page.waitForURL(/\/seller(\?|$)/);
    await screenshots(page, "new-seller-console");

    // Their first listing: a product from the catalog, with opening stock.
    await page.getByRole("link", { name: "List a product" }).first().click();
    await page.getByLabel("Find the product in the catalog").fill("kurta");
    await page.getByRole("button", { name: "Search the catalog" }).click();
    await page.waitForURL(/q=kurta/);
    const sell = page.getByRole("link", { name: /^Sell this/ }).first();
    const productId = ((await sell.getAttribute("href")) ?? "").split("/").pop() ?? "";
    await sell.click();
    await page.getByLabel("Your price (₹)").fill("2,000");
    await page.getByLabel("MRP (₹)").fill("2,999");
    await page.getByLabel("Warehouse").selectOption({ index: 1 });
    await page.getByLabel("Units for sale").fill("5");
    await page.getByRole("button", { name: "List this product" }).click();
    await page.waitForURL(/done=listed/);

    // The bulk template lists it; the seller edits the price and stock and uploads the file back.
    await page.goto("/seller/bulk");
    const template = await (await page.request.get("/seller/bulk/template.csv")).text();
    const [header, row] = template.trim().split("\n");
    expect(header).toContain("listing_id,price,mrp,active,warehouse_id,available");
    expect(row).toBeTruthy();
    const cells = (row ?? "").split(",");
    const columns = (header ?? "").split(",");
    cells[columns.indexOf("price")] = "1899";
    cells[columns.indexOf("available")] = "12";
    await page.locator('input[type="file"][name="file"]').setInputFiles({
      name: "prices.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`${header}\n${cells.join(",")}\n`),
    });
    await page.getByRole("button", { name: "Upload and apply" }).click();
    await page.locator("[data-bulk-results]").waitFor();
    await expect(page.locator('[data-bulk-results] tr[data-outcome="updated"]').count()).resolves.toBe(1);
    await screenshots(page, "new-seller-bulk-results");

    // The console shows the new price and stock.
    await page.goto("/seller");
    const listing = page.locator(`li[data-product-id="${productId}"] [data-listing-summary]`);
    await expect(listing.textContent()).resolves.toMatch(/₹1,899.*12 for sale/s);
    await ctx.close();
  });
});

import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { COD_LIMIT_PAISE } from "../../workers/delivery/cash-on-delivery";
import { deliveryDateLabel } from "../../workers/delivery/estimate";
import { ASHA_ADDRESS } from "../helpers/addresses";
import { browserForFile, fillAddress, newShopper, registerShopper, screenshots, signIn } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForFile();

interface Offer {
  productId: string;
  listingId: string;
  price: number;
}

/** The first few in-stock offers of the seeded catalog in `sort` order. */
async function offers(sort: "price_asc" | "price_desc"): Promise<Offer[]> {
  const res = await fetch(`${baseURL}/api/products?in_stock=true&sort=${sort}&limit=5`);
  const { items } = (await res.json()) as { items: Array<{ id: string }> };
  const found: Offer[] = [];
  for (const item of items) {
    const p = (await (await fetch(`${baseURL}/api/products/${item.id}`)).json()) as { buy_box?: { listing_id: string; price: number } };
    if (p.buy_box) found.push({ productId: item.id, listingId: p.buy_box.listing_id, price: p.buy_box.price });
  }
  return found;
}

/** A shopper of their own (the other journeys fill the demo shopper's cart), signed in on checkout's way in. */
async function freshShopper(): Promise<Page> {
  return (await freshShopperWithEmail()).page;
}

async function freshShopperWithEmail(): Promise<{ page: Page; email: string }> {
  const { email } = await registerShopper(baseURL, "checkout-delivery", "Meera Pillai");
  const page = await (await newShopper(browser(), baseURL)).newPage();
  await page.goto("/signin?next=/cart");
  await signIn(page, email);
  await page.waitForURL(/\/cart$/);
  return { page, email };
}

/** Sets the signed-in cart's quantity of `listingId`, through the API as the page scripts call it. */
async function putInCart(page: Page, listingId: string, qty: number): Promise<void> {
  const status = await page.evaluate(`(async () => {
    const csrf = decodeURIComponent(document.cookie.split("; ").find((c) => c.startsWith("__Host-csrf="))?.slice(12) ?? "");
    const res = await fetch("/api/cart/items/${listingId}", {
      method: "PUT",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify({ qty: ${qty} }),
    });
    return res.status;
  })()`);
  expect(status).toBe(200);
}

/** What the checkout line should say for `offer` at `pincode`, from the delivery API itself. */
async function arrivesBy(offer: Offer, pincode: string): Promise<string> {
  const query = new URLSearchParams({ pincode, listing_id: offer.listingId });
  const a = (await (await fetch(`${baseURL}/api/products/${offer.productId}/delivery?${query}`)).json()) as {
    by: string;
    from_city: string;
  };
  return `Arrives by ${deliveryDateLabel(a.by)} (from ${a.from_city})`;
}

describe("checkout's delivery promises", () => {
  it("follow the PIN code as it is typed, say when it cannot be delivered to, and never offer cash for ₹50,000 or more", async () => {
    const [dearest] = await offers("price_desc");
    const [cheap] = await offers("price_asc");
    if (!dearest || !cheap) throw new Error("the seeded catalog has no offers in stock");
    const page = await freshShopper();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const asked: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/delivery?")) asked.push(r.url());
    });

    // A small order: the dates follow the PIN code, asked for once the typing stops.
    await putInCart(page, cheap.listingId, 1);
    await page.goto("/checkout");
    const arrival = page.locator("[data-arrival]");
    // Each line's own date: two lines may well arrive the same day.
    const arrivalOf = (offer: Offer) => page.locator(`[data-arrival][data-listing-id="${offer.listingId}"]`);
    await expect(arrival.textContent()).resolves.toBe("");
    const pin = page.getByLabel("PIN code");
    await pin.pressSequentially("560001", { delay: 60 });
    await arrivalOf(cheap)
      .filter({ hasText: await arrivesBy(cheap, "560001") })
      .waitFor();
    expect(asked).toHaveLength(1);
    const cod = page.getByRole("radio", { name: "Cash on delivery" });
    await expect(cod.isDisabled()).resolves.toBe(false);
    await screenshots(page, "checkout-pincode-typed");

    // A PIN code we cannot deliver to is answered beside the field, and the dates go.
    await pin.fill("");
    await pin.pressSequentially("930001", { delay: 60 });
    const problem = page.locator("[data-pincode-problem]");
    await problem.filter({ hasText: "Army Post Office addresses, which we cannot deliver to" }).waitFor();
    await expect(pin.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(arrival.textContent()).resolves.toBe("");

    // Typed right again, the dates come back from another part of India.
    await pin.fill("");
    await pin.pressSequentially("110001", { delay: 60 });
    await arrivalOf(cheap)
      .filter({ hasText: await arrivesBy(cheap, "110001") })
      .waitFor();
    await expect(problem.isVisible()).resolves.toBe(false);

    // An order of ₹50,000 or more shows cash on delivery, and why it is not offered, whatever the PIN code.
    const qty = Math.min(10, Math.ceil(COD_LIMIT_PAISE / dearest.price));
    expect(dearest.price * qty + cheap.price).toBeGreaterThanOrEqual(COD_LIMIT_PAISE);
    await putInCart(page, dearest.listingId, qty);
    await page.goto("/checkout");
    await expect(cod.isDisabled()).resolves.toBe(true);
    const note = page.locator("[data-cod-note]");
    await expect(note.textContent()).resolves.toBe("Cash on delivery is available for orders under ₹50,000");
    await pin.fill("");
    await pin.pressSequentially("560001", { delay: 60 });
    await arrivalOf(dearest)
      .filter({ hasText: await arrivesBy(dearest, "560001") })
      .waitFor();
    await expect(cod.isDisabled()).resolves.toBe(true);
    await expect(note.isVisible()).resolves.toBe(true);
    await screenshots(page, "checkout-cod-over-limit");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("keep the address typed in when the session ended elsewhere sends the shopper to sign in and back", async () => {
    const { page, email } = await freshShopperWithEmail();
    const [offer] = await offers("price_asc");
    if (!offer) throw new Error("no offer in stock");
    await putInCart(page, offer.listingId, 1);
    await page.goto("/checkout");
    await fillAddress(page);
    // Signed out in another tab: this tab's page still shows the form.
    const out = await page.evaluate(`(async () => {
      const csrf = decodeURIComponent(document.cookie.split("; ").find((c) => c.startsWith("__Host-csrf="))?.slice(12) ?? "");
      return (await fetch("/api/auth/logout", { method: "POST", headers: { "x-csrf-token": csrf } })).status;
    })()`);
    expect(out).toBeLessThan(300);
    await page.locator("[data-submit]").click();
    await page.waitForURL(/\/signin\?/);
    await signIn(page, email);
    await page.waitForURL((url) => url.pathname === "/checkout");
    for (const [label, value] of [
      ["Full name", ASHA_ADDRESS.name],
      ["Mobile number", ASHA_ADDRESS.phone],
      ["Flat, house, street", ASHA_ADDRESS.line1],
      ["City", ASHA_ADDRESS.city],
      ["PIN code", ASHA_ADDRESS.pincode],
    ] as const) {
      await expect(page.getByLabel(label, { exact: true }).inputValue(), label).resolves.toBe(value);
    }
    // Anywhere past checkout and sign-in, the tab no longer holds it.
    await page.goto("/cart");
    await expect(page.evaluate(`sessionStorage.getItem("checkout-address")`)).resolves.toBeNull();
    await page.context().close();
  });
});

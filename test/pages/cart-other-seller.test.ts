import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { setAvailable } from "../../workers/inventory/ledger";
import { createProduct } from "../catalog/fixtures";
import { createTestUser } from "../helpers/accounts";
import { browserSession, postForm } from "../helpers/forms";
import { api, readerText } from "../helpers/http";

describe("a cart line its seller sold out of, while another seller has the product", () => {
  it("offers the other seller's listing, and swaps the line for it with one button", async () => {
    const p = await createProduct([
      { price: 5_000_00, units: 5 },
      { price: 5_489_00, units: 20 },
    ]);
    const [mine, theirs] = p.listingIds as [string, string];
    const user = await createTestUser();
    expect((await api(`/api/cart/items/${mine}`, { method: "PUT", headers: user.headers, body: { qty: 2 } })).status).toBe(200);
    await setAvailable(env.DB, { skuId: mine, warehouseId: p.warehouseId, available: 0, ref: `sold-out:${mine}` });

    const { cookie, csrf } = await browserSession(user);
    const cart = await (await api("/cart", { headers: { cookie } })).text();
    expect(readerText(cart)).toContain("Other Seller has it at ₹5,489. Buy from Other Seller instead");
    expect(cart).toContain(`data-other-seller="${theirs}"`);

    const switched = await postForm("/cart/switch-seller", { _csrf: csrf, from: mine, to: theirs, qty: "2" }, cookie);
    expect(switched.status).toBe(303);
    expect(switched.headers.get("location")).toBe("/cart?switched=1");
    const lines = (await (await api("/api/cart", { headers: user.headers })).json()) as { items: { listing_id: string; qty: number }[] };
    expect(lines.items.map((l) => [l.listing_id, l.qty])).toEqual([[theirs, 2]]);
    expect(await (await api("/cart?switched=1", { headers: { cookie } })).text()).toContain("Switched to the other seller&#39;s offer.");
  });

  it("adds onto what the cart already holds of the other listing, within one order's 10, and says when it cut", async () => {
    const p = await createProduct([
      { price: 5_000_00, units: 5 },
      { price: 5_489_00, units: 30 },
    ]);
    const [mine, theirs] = p.listingIds as [string, string];
    const user = await createTestUser();
    expect((await api(`/api/cart/items/${mine}`, { method: "PUT", headers: user.headers, body: { qty: 4 } })).status).toBe(200);
    expect((await api(`/api/cart/items/${theirs}`, { method: "PUT", headers: user.headers, body: { qty: 8 } })).status).toBe(200);
    await setAvailable(env.DB, { skuId: mine, warehouseId: p.warehouseId, available: 0, ref: `sold-out:${mine}` });
    const { cookie, csrf } = await browserSession(user);
    const switched = await postForm("/cart/switch-seller", { _csrf: csrf, from: mine, to: theirs, qty: "4" }, cookie);
    expect(switched.headers.get("location")).toBe("/cart?switched=1&capped=1");
    const lines = (await (await api("/api/cart", { headers: user.headers })).json()) as { items: { listing_id: string; qty: number }[] };
    expect(lines.items.map((l) => [l.listing_id, l.qty])).toEqual([[theirs, 10]]);
    expect(readerText(await (await api("/cart?switched=1&capped=1", { headers: { cookie } })).text())).toContain(
      "Switched to the other seller's offer. Your cart holds 10 of it now: one order takes at most 10 of an item.",
    );
  });

  it("refuses a switch to another product's listing, or from a line not in the cart, and leaves the cart as it was", async () => {
    const p = await createProduct([
      { price: 5_000_00, units: 5 },
      { price: 5_489_00, units: 20 },
    ]);
    const elsewhere = await createProduct([{ price: 900_00, units: 20 }]);
    const [mine] = p.listingIds as [string, string];
    const user = await createTestUser();
    expect((await api(`/api/cart/items/${mine}`, { method: "PUT", headers: user.headers, body: { qty: 1 } })).status).toBe(200);
    const { cookie, csrf } = await browserSession(user);
    const cartLines = async () =>
      ((await (await api("/api/cart", { headers: user.headers })).json()) as { items: { listing_id: string; qty: number }[] }).items.map(
        (l) => [l.listing_id, l.qty],
      );

    const other = await postForm("/cart/switch-seller", { _csrf: csrf, from: mine, to: elsewhere.listingIds[0]!, qty: "1" }, cookie);
    expect(other.status).toBe(400);
    expect(readerText(await other.text())).toContain("That offer is not another seller's offer of the same product.");
    const absent = await postForm("/cart/switch-seller", { _csrf: csrf, from: p.listingIds[1]!, to: mine, qty: "2" }, cookie);
    expect(absent.status).toBe(409);
    expect(readerText(await absent.text())).toContain("That item is no longer in your cart");
    expect(await cartLines()).toEqual([[mine, 1]]);
  });
});

describe("one product in the cart from two sellers", () => {
  it("names each line's seller on the cart and at checkout, so the two lines can be told apart", async () => {
    const p = await createProduct([
      { price: 5_000_00, units: 5 },
      { price: 5_489_00, units: 20 },
    ]);
    const [mine, theirs] = p.listingIds as [string, string];
    const user = await createTestUser();
    for (const id of [mine, theirs])
      expect((await api(`/api/cart/items/${id}`, { method: "PUT", headers: user.headers, body: { qty: 1 } })).status).toBe(200);
    const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as {
      items: { listing_id: string; seller_name: string }[];
    };
    const names = Object.fromEntries(cart.items.map((l) => [l.listing_id, l.seller_name]));
    expect(names[mine]).not.toBe(names[theirs]);
    const { cookie } = await browserSession(user);
    for (const path of ["/cart", "/checkout"]) {
      const text = readerText(await (await api(path, { headers: { cookie } })).text());
      expect(text, path).toContain(`Sold by ${names[mine]}`);
      expect(text, path).toContain(`Sold by ${names[theirs]}`);
    }
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { closeBrowser, el, type FakeElement, runScript } from "./script-dom";

/** A product page's Add to cart form, as the server draws it, and the notice app.js writes in. */
function productPage(qty: number): FakeElement {
  const notice = el("p", { "data-notice": "" });
  notice.hidden = true;
  return el("body", {}, [
    notice,
    el("form", { method: "get", action: "/cart/add", "data-add-to-cart": "" }, [
      el("input", { type: "hidden", name: "listing_id", value: "lst_1" }),
      el("input", { name: "qty", value: String(qty) }),
      el("button", { type: "submit" }, [], "Add to cart"),
    ]),
  ]);
}

/** A cart API holding `held` of lst_1, with `stock` buyable in one order; what the script PUT is kept in `put`. */
function cartApi(held: number, stock = 100) {
  const put: unknown[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    if (init?.method === "PUT") {
      const body = JSON.parse(String(init.body)) as { qty: number };
      put.push(body);
      const line = { listing_id: "lst_1", qty: body.qty, max_qty: stock < body.qty ? stock : null };
      return new Response(JSON.stringify({ items: [line] }), { status: 200 });
    }
    if (url === "/api/cart")
      return new Response(JSON.stringify({ items: held ? [{ listing_id: "lst_1", qty: held }] : [] }), { status: 200 });
    return new Response("{}", { status: 404 });
  };
  return { fetch, put };
}

// The notice's own words (its View cart link is an element of its own).
const noticeText = (body: FakeElement) => (body.querySelector("[data-notice]")?.textContent ?? "").trim();

afterEach(closeBrowser);

describe("app.js adding to the cart from a product page", () => {
  it("says plainly it added, when the cart takes it all", async () => {
    const body = productPage(2);
    const api = cartApi(3);
    await runScript("app.js", { body, fetch: api.fetch });
    await body.querySelector("form")?.dispatch("submit");
    expect(api.put).toEqual([{ qty: 5 }]);
    expect(noticeText(body)).toBe("Added to your cart.");
  });

  it("says how many went in when one order's limit of 10 cut the quantity", async () => {
    const body = productPage(5);
    const api = cartApi(8);
    await runScript("app.js", { body, fetch: api.fetch });
    await body.querySelector("form")?.dispatch("submit");
    expect(api.put).toEqual([{ qty: 10 }]);
    expect(noticeText(body)).toBe("Added 2: your cart holds 10 now, the most one order takes of an item.");
  });

  it("says how many can be bought when fewer are left than the cart now holds", async () => {
    const body = productPage(3);
    const api = cartApi(8, 4);
    await runScript("app.js", { body, fetch: api.fetch });
    await body.querySelector("form")?.dispatch("submit");
    expect(noticeText(body)).toBe("Added, but only 4 can be bought in one order now: lower the quantity in your cart to check out.");
  });

  it("does not say Added when the cart holds 10 already, and changes nothing", async () => {
    const body = productPage(5);
    const api = cartApi(10);
    await runScript("app.js", { body, fetch: api.fetch });
    await body.querySelector("form")?.dispatch("submit");
    expect(api.put).toEqual([]);
    expect(noticeText(body)).toBe("Your cart holds 10 of this already: one order takes at most 10 of an item.");
  });
});

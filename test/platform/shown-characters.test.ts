import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BROKEN_CHARACTER, UNSHOWN_CHARACTER, unshownFields } from "../../workers/platform/shown-characters";
import { ASHA_ADDRESS } from "../helpers/addresses";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { checkout, shopperWithCart, stockedListing } from "../checkout/support";
import { productWithSeller } from "../questions/support";

type Refusal = { errors: Array<{ path: string; message: string }> };

async function refused(res: Response): Promise<Refusal["errors"]> {
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return ((await res.json()) as Refusal).errors;
}

describe("text no page should show", () => {
  it("is refused in any field of any body, naming the field, and nothing is written", async () => {
    const user = await createTestUser();
    const saved = async () =>
      ((await (await api("/api/me/addresses", { headers: user.headers })).json()) as { items: unknown[] }).items.length;
    const before = await saved();
    const address = { ...ASHA_ADDRESS, name: "Asha\u0000Rao", line1: "12 MG Road\u202e" };
    expect(await refused(await api("/api/me/addresses", { method: "POST", headers: user.headers, body: address }))).toEqual([
      { path: "name", message: UNSHOWN_CHARACTER },
      { path: "line1", message: UNSHOWN_CHARACTER },
    ]);
    expect(await saved()).toBe(before);

    const { f, shopper } = await productWithSeller("Ctrlphone 1");
    const ask = await api(`/api/products/${f.productId}/questions`, {
      method: "POST",
      headers: shopper.headers,
      body: { text: "Does it ring\u0007 \u001b[31mloudly?" },
    });
    expect(await refused(ask)).toEqual([{ path: "text", message: UNSHOWN_CHARACTER }]);
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM product_questions WHERE product_id = ?")
      .bind(f.productId)
      .first<number>("n");
    expect(stored).toBe(0);
  });

  it("refuses half of a UTF-16 pair, which would be stored as something else than was answered", async () => {
    const user = await createTestUser();
    const res = await api("/api/me", { method: "PATCH", headers: user.headers, body: { name: "\ud800x" } });
    expect(await refused(res)).toEqual([{ path: "name", message: BROKEN_CHARACTER }]);
    const me = (await (await api("/api/me", { headers: user.headers })).json()) as { name: string };
    expect(me.name).toBe("Test shopper");
  });

  it("refuses it in a nested field of a checkout, placing no order", async () => {
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const res = await checkout(user, crypto.randomUUID(), { address: { ...ASHA_ADDRESS, city: "Bengaluru\u2066" }, payment_method: "upi" });
    expect(await refused(res)).toEqual([{ path: "address.city", message: UNSHOWN_CHARACTER }]);
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE user_id = ?").bind(user.id).first<number>("n");
    expect(orders).toBe(0);
  });

  it("takes any script, emoji, tabs and line breaks", async () => {
    const { f, shopper } = await productWithSeller("Ctrlphone 2");
    const ask = await api(`/api/products/${f.productId}/questions`, {
      method: "POST",
      headers: shopper.headers,
      body: { text: "क्या इसमें चार्जर है?\nAnd a case 📱\twith it?" },
    });
    expect(ask.status).toBe(201);
    expect(unshownFields({ a: ["ok", { b: "x\u202ey" }], "k\u0001": 1, pair: "😀" })).toEqual([
      { path: "a.1.b", message: UNSHOWN_CHARACTER },
      { path: "k\u0001", message: "Not a field this request takes" },
    ]);
  });
});

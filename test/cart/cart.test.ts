import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mergeGuestCart, readCart } from "../../workers/cart/cart-service";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { stockedListing } from "../checkout/support";

interface CartBody {
  items: Array<{ listing_id: string; qty: number; price: number; price_when_added: number; availability: string; changes: string[] }>;
  totals: { subtotal: number; items: number };
  changed: boolean;
}

const put = (id: string, qty: unknown, headers: Record<string, string>) =>
  api(`/api/cart/items/${id}`, { method: "PUT", headers, body: { qty } });

describe("cart", () => {
  it("adds, changes and removes lines, with totals from today's prices", async () => {
    const a = await stockedListing(10, 50000);
    const b = await stockedListing(3, 20000);
    const user = await createTestUser();
    expect((await put(a.listingId, 2, user.headers)).status).toBe(200);
    const res = await put(b.listingId, 1, user.headers);
    const cart = (await res.json()) as CartBody;
    expect(cart.items.map((i) => [i.listing_id, i.qty, i.availability])).toEqual([
      [a.listingId, 2, "in_stock"],
      [b.listingId, 1, "few_left"],
    ]);
    expect(cart.totals).toMatchObject({ subtotal: 120000, items: 3 });
    await put(a.listingId, 0, user.headers);
    const del = await api(`/api/cart/items/${b.listingId}`, { method: "DELETE", headers: user.headers });
    expect(((await del.json()) as CartBody).items).toEqual([]);
  });

  it("shows what changed since adding: a new price and a sold-out line", async () => {
    const a = await stockedListing(10, 50000);
    const b = await stockedListing(1, 20000);
    const user = await createTestUser();
    await put(a.listingId, 1, user.headers);
    await put(b.listingId, 1, user.headers);
    await env.DB.prepare("UPDATE listings SET price = 45000 WHERE id = ?").bind(a.listingId).run();
    await env.DB.prepare("UPDATE inventory SET available = 0 WHERE sku_id = ?").bind(b.listingId).run();
    const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as CartBody;
    expect(cart.changed).toBe(true);
    expect(cart.items.map((i) => [i.price, i.price_when_added, i.changes])).toEqual([
      [45000, 50000, ["price_down"]],
      [20000, 20000, ["sold_out"]],
    ]);
    expect(cart.totals.subtotal).toBe(45000);
  });

  it("shows each line with its product's picture, on the API, the cart page and the checkout summary", async () => {
    const pictured = await stockedListing(10, 50000);
    const plain = await stockedListing(10, 20000);
    await env.DB.prepare("UPDATE products SET image = '/art/phone/teal.svg' WHERE id = ?").bind(pictured.productId).run();
    const user = await createTestUser();
    await put(pictured.listingId, 1, user.headers);
    await put(plain.listingId, 1, user.headers);
    const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as {
      items: Array<{ listing_id: string; image: string | null }>;
    };
    expect(cart.items.map((i) => [i.listing_id, i.image])).toEqual([
      [pictured.listingId, "/art/phone/teal.svg"],
      [plain.listingId, null],
    ]);
    for (const page of ["/cart", "/checkout"]) {
      const html = await (await api(page, { headers: user.headers })).text();
      // The pictured line shows its drawing; the other keeps the lettered square, not a broken image.
      expect(html.match(/<img src="\/art\/phone\/teal\.svg"/g)?.length, page).toBe(1);
      expect(html, page).toMatch(/<span class="thumb small" aria-hidden="true">T<\/span>/);
    }
  });

  it("is the same cart on every device of a shopper", async () => {
    const f = await stockedListing();
    const user = await createTestUser();
    await put(f.listingId, 2, user.headers);
    const { createSession } = await import("../../workers/accounts/sessions");
    const { createDb } = await import("../../workers/platform/db");
    const phone = await createSession(createDb(env.DB), user.id);
    const cart = (await (await api("/api/cart", { headers: { authorization: `Bearer ${phone.token}` } })).json()) as CartBody;
    expect(cart.items.map((i) => i.qty)).toEqual([2]);
  });

  it("rejects bad input with 400 and leaves the cart as it was; unknown listings are 404", async () => {
    const f = await stockedListing();
    const user = await createTestUser();
    await put(f.listingId, 1, user.headers);
    for (const qty of [-1, 11, 1.5, "2"]) expect((await put(f.listingId, qty, user.headers)).status).toBe(400);
    expect((await put("lst_missing", 1, user.headers)).status).toBe(404);
    const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as CartBody;
    expect(cart.items.map((i) => [i.listing_id, i.qty])).toEqual([[f.listingId, 1]]);
  });

  it("keeps a guest's cart by the guest cookie and merges it into the account at sign-in", async () => {
    const a = await stockedListing();
    const b = await stockedListing();
    const first = await put(a.listingId, 2, {});
    expect(first.status).toBe(200);
    const cookie = first.headers.get("set-cookie")?.split(";")[0];
    expect(cookie).toMatch(/^__Host-guest=/);
    await put(b.listingId, 1, { cookie: cookie! });
    const guestCart = (await (await api("/api/cart", { headers: { cookie: cookie! } })).json()) as CartBody;
    expect(guestCart.items).toHaveLength(2);

    const user = await createTestUser();
    await put(a.listingId, 1, user.headers);
    const guestId = decodeURIComponent(cookie!.split("=")[1]!).split(".")[0]!;
    await mergeGuestCart(env, guestId, user.id);
    await mergeGuestCart(env, guestId, user.id);
    const merged = await readCart(env, `user:${user.id}`);
    expect(new Map(merged.items.map((i) => [i.listing_id, i.qty]))).toEqual(
      new Map([
        [a.listingId, 3],
        [b.listingId, 1],
      ]),
    );
    expect((await readCart(env, `guest:${guestId}`)).items).toEqual([]);
  });

  it("a merge retried after a crash adds nothing twice", async () => {
    const f = await stockedListing();
    const stub = env.CART.getByName(`user:${crypto.randomUUID()}`);
    const line = {
      listingId: f.listingId,
      qty: 2,
      seenPrice: 129900,
      addedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    await stub.absorb("guest:g1:t1", [line]);
    await stub.absorb("guest:g1:t1", [line]);
    expect((await stub.lines()).map((l) => l.qty)).toEqual([2]);
    await stub.absorb("guest:g1:t2", [line]);
    expect((await stub.lines()).map((l) => l.qty)).toEqual([4]);
  });

  it("an abandoned cart is deleted by its alarm", async () => {
    const f = await stockedListing();
    const user = await createTestUser();
    await put(f.listingId, 1, user.headers);
    const stub = env.CART.getByName(`user:${user.id}`);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.lines()).toEqual([]);
    expect(await runDurableObjectAlarm(stub)).toBe(false);
  });
});

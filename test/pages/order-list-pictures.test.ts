import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { inLineOrder } from "../../workers/orders/queries";
import { newId } from "../../workers/platform/ids";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { d1RecordingSql } from "../helpers/d1-interpose";
import { api, ORIGIN, readerText } from "../helpers/http";
import { type SeedLine, seedOrder, timesFrom } from "../orders/seed";

interface Picture {
  product_id: string | null;
  title: string;
  image: string | null;
}

interface Listed {
  items: Array<{ id: string; lines: number; lead_item: Picture | null; item_images: Picture[] }>;
}

/** A catalog product with a picture, to put on an order's line. */
async function pictured(title: string, image: string): Promise<{ sellerId: string; productId: string }> {
  const f = await createListingFixture({ title });
  await env.DB.prepare("UPDATE products SET image = ? WHERE id = ?").bind(image, f.productId).run();
  return f;
}

/** One order's row of the page: it holds a list of its own, so it runs to the next row rather than the first </li>. */
function rowOf(page: string, id: string): string {
  return page.slice(page.indexOf(`data-order-id="${id}"`)).split('<li class="order-row"')[0]!;
}

/** The pictures' (src, alt) in the order they appear, the lead's alt empty as its title stands beside it. */
function imagesIn(html: string): Array<[string, string]> {
  return [...html.matchAll(/<img src="([^"]+)" alt="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]);
}

/** The row of other pictures under an order's headline, or null when it has none. */
function pictureRowOf(row: string): string | null {
  const at = row.indexOf("data-order-pictures");
  return at < 0 ? null : row.slice(at).split("</ul>")[0]!;
}

/** The Worker answering `path` with a D1 binding that records the SQL of every statement it prepares. */
async function pageRecordingSql(path: string, user: TestUser): Promise<{ res: Response; sql: string[] }> {
  const sql: string[] = [];
  const db = d1RecordingSql(env.DB, sql);
  const ctx = createExecutionContext();
  const request = new Request(`${ORIGIN}${path}`, { headers: user.headers });
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, { ...env, DB: db } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return { res, sql };
}

describe("my orders shows the pictures of an order's lines", () => {
  it("lists an order's pictures costliest first, at most four with the rest counted, in one statement for the page", async () => {
    const user = await createTestUser();
    const phone = await pictured("Pixel 9 (Obsidian)", "/art/phone/obsidian.svg");
    const charger = await pictured("45W USB-C charger", "/art/charger/white.svg");
    const cover = await pictured("Pixel 9 cover", "/art/cover/grey.svg");
    const sellerId = phone.sellerId;
    const [t1, t2, t3] = timesFrom("2034-07-01T00:00:00.000Z", 3);
    // Listed cheapest first, so the order they come back in is the API's doing.
    const trio = await seedOrder({
      userId: user.id,
      status: "confirmed",
      at: t1!,
      lines: [
        { sellerId, productId: charger.productId, title: "45W USB-C charger", unitPrice: 199900 },
        { sellerId, productId: cover.productId, title: "Pixel 9 cover", unitPrice: 99900, qty: 3 },
        { sellerId, productId: phone.productId, title: "Pixel 9 (Obsidian)", unitPrice: 7999900 },
      ],
    });
    const six: SeedLine[] = [1, 2, 3, 4, 5, 6].map((n) => ({ sellerId, title: `Spice jar ${n}`, unitPrice: 10000 * n }));
    const bulk = await seedOrder({ userId: user.id, status: "delivered", at: t2!, lines: six });
    const single = await seedOrder({
      userId: user.id,
      status: "shipped",
      at: t3!,
      lines: [{ sellerId, productId: charger.productId, title: "45W USB-C charger", unitPrice: 199900 }],
    });

    const { res: apiRes, sql } = await pageRecordingSql("/api/orders", user);
    expect(apiRes.status).toBe(200);
    // However many orders and lines, the page is read by one statement: never a query per order.
    expect(sql.filter((q) => q.includes("order_items"))).toHaveLength(1);
    const listed = (await apiRes.json()) as Listed;
    const byId = new Map(listed.items.map((o) => [o.id, o]));

    expect(byId.get(trio)!.item_images).toEqual([
      { product_id: phone.productId, title: "Pixel 9 (Obsidian)", image: "/art/phone/obsidian.svg" },
      { product_id: cover.productId, title: "Pixel 9 cover", image: "/art/cover/grey.svg" },
      { product_id: charger.productId, title: "45W USB-C charger", image: "/art/charger/white.svg" },
    ]);
    expect(byId.get(trio)!.lead_item).toEqual(byId.get(trio)!.item_images[0]);
    expect(byId.get(bulk)!.lines).toBe(6);
    expect(byId.get(bulk)!.item_images.map((p) => p.title)).toEqual(["Spice jar 6", "Spice jar 5", "Spice jar 4", "Spice jar 3"]);
    expect(byId.get(single)!.item_images).toEqual([
      { product_id: charger.productId, title: "45W USB-C charger", image: "/art/charger/white.svg" },
    ]);

    const { res: pageRes, sql: pageSql } = await pageRecordingSql("/orders", user);
    expect(pageRes.status).toBe(200);
    expect(pageSql.filter((q) => q.includes("order_items"))).toHaveLength(1);
    const page = await pageRes.text();

    const trioRow = rowOf(page, trio);
    expect(imagesIn(trioRow)).toEqual([
      ["/art/phone/obsidian.svg", ""],
      ["/art/cover/grey.svg", "Pixel 9 cover"],
      ["/art/charger/white.svg", "45W USB-C charger"],
    ]);
    expect(pictureRowOf(trioRow)).not.toContain("+");

    const bulkRow = pictureRowOf(rowOf(page, bulk))!;
    // The products left the catalog, so each shows its lettered square, named by its title.
    expect([...bulkRow.matchAll(/<span class="thumb small" role="img" aria-label="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "Spice jar 5",
      "Spice jar 4",
      "Spice jar 3",
    ]);
    expect(bulkRow).toMatch(/<li class="muted">\+2<span class="visually-hidden"> more<\/span><\/li>/);

    const singleRow = rowOf(page, single);
    expect(imagesIn(singleRow)).toEqual([["/art/charger/white.svg", ""]]);
    expect(pictureRowOf(singleRow)).toBeNull();
  });

  it("keeps a removed product's line in the row by its title, with its letter rather than a broken picture", async () => {
    const user = await createTestUser();
    const lamp = await pictured("Brass desk lamp", "/art/lamp/brass.svg");
    const order = await seedOrder({
      userId: user.id,
      status: "delivered",
      at: "2034-08-01T00:00:00.000Z",
      lines: [
        { sellerId: lamp.sellerId, productId: lamp.productId, title: "Brass desk lamp", unitPrice: 350000 },
        { sellerId: lamp.sellerId, productId: newId("prd"), title: "Warm bulb", unitPrice: 20000 },
      ],
    });

    const listed = (await (await api("/api/orders", { headers: user.headers })).json()) as Listed;
    expect(listed.items.find((o) => o.id === order)!.item_images).toEqual([
      { product_id: lamp.productId, title: "Brass desk lamp", image: "/art/lamp/brass.svg" },
      { product_id: expect.any(String), title: "Warm bulb", image: null },
    ]);

    const res = await api("/orders", { headers: user.headers });
    const pictures = pictureRowOf(rowOf(await res.text(), order))!;
    expect(pictures).toMatch(/<span class="thumb small" role="img" aria-label="Warm bulb" title="Warm bulb">W<\/span>/);
    expect(pictures).not.toContain("<img");
  });
});

describe("the order of an order's pictures", () => {
  it("is the costliest line first, then by listing, whatever order the database handed them over in", () => {
    const line = (title: string, line_total: number, listing_id: string) => ({
      product_id: null,
      title,
      image: null,
      line_total,
      listing_id,
    });
    const shuffled = JSON.stringify([
      line("case", 499, "lst_a"),
      line("phone", 59_999, "lst_c"),
      line("charger", 1_999, "lst_b"),
      line("cable", 1_999, "lst_a"),
    ]);
    expect(inLineOrder(shuffled).map((p) => p.title)).toEqual(["phone", "cable", "charger", "case"]);
    expect(inLineOrder(shuffled)[0]).toEqual({ product_id: null, title: "phone", image: null });
  });
});

describe("an order page's title", () => {
  it("names the order by its costliest line and how many more, as the order list does", async () => {
    const user = await createTestUser();
    const sellerId = newId("sel");
    const [t1, t2] = timesFrom("2034-08-01T00:00:00.000Z", 2);
    const trio = await seedOrder({
      userId: user.id,
      status: "confirmed",
      at: t1!,
      lines: [
        { sellerId, title: "45W USB-C charger", unitPrice: 199900 },
        { sellerId, title: "Pixel 9 cover", unitPrice: 99900, qty: 3 },
        { sellerId, title: "Pixel 9 (Obsidian)", unitPrice: 7999900 },
      ],
    });
    const single = await seedOrder({
      userId: user.id,
      status: "shipped",
      at: t2!,
      lines: [{ sellerId, title: "Pixel 9 cover", unitPrice: 99900 }],
    });
    const titleOf = async (id: string) =>
      /<title>([^<]*)<\/title>/.exec(await (await api(`/orders/${id}`, { headers: user.headers })).text())?.[1];
    expect(await titleOf(trio)).toBe("Your order: Pixel 9 (Obsidian) and 2 more items · Bazaar");
    expect(await titleOf(single)).toBe("Your order: Pixel 9 cover · Bazaar");
    // A line of several units gives its unit price as each, and what they come to.
    const page = readerText(await (await api(`/orders/${trio}`, { headers: user.headers })).text());
    expect(page).toContain("3 × Pixel 9 cover — ₹999 each, ₹2,997");
    expect(page).toContain("1 × 45W USB-C charger — ₹1,999 ");
  });
});

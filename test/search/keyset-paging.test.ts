import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { base64url } from "../../workers/platform/ids";
import { encodeCursor, queryFingerprint } from "../../workers/search/cursor";
import { D1SearchBackend } from "../../workers/search/d1-backend";
import { SearchQuerySchema, SORTS } from "../../workers/search/schemas";
import { api } from "../helpers/http";
import { addCategory, addProducts, type BulkProduct } from "./bulk-catalog";
import { seedFixtureCatalog } from "./fixture-catalog";

const run = (query: Record<string, string>) => new D1SearchBackend(env.DB).search(SearchQuerySchema.parse(query));

/** The ids on every page from the one `cursor` points at, following next_cursor to the end. */
async function pagesFrom(query: Record<string, string>, cursor: string | null): Promise<string[]> {
  const ids: string[] = [];
  for (let pages = 0; cursor; pages++) {
    if (pages > 100) throw new Error("paging did not end");
    const page = await run({ ...query, cursor });
    ids.push(...page.items.map((i) => i.id));
    cursor = page.next_cursor;
  }
  return ids;
}

const setPrice = (id: string, paise: number) => env.DB.prepare("UPDATE products SET price = ?1 WHERE id = ?2").bind(paise, id).run();

const T = (day: number) => `2026-02-${String(day).padStart(2, "0")}T00:00:00.000Z`;

// Lamps that tie on every sort's key somewhere: equal prices, equal averages (10/3 and 20/6, which
// no decimal writes exactly) with equal or different counts, no ratings at all, equal popularity
// and so equal browse scores, equal creation times, and equal titles and so equal text scores.
const LAMPS: Array<[string, string, number, number, number, number, number]> = [
  // id, title, price, rating sum, rating count, popularity, day created
  ["kp_01", "Desk Lamp", 50_000, 10, 3, 40, 1],
  ["kp_02", "Desk Lamp", 50_000, 10, 3, 40, 1],
  ["kp_03", "Desk Lamp", 50_000, 20, 6, 40, 2],
  ["kp_04", "Desk Lamp Pro", 70_000, 0, 0, 0, 2],
  ["kp_05", "Desk Lamp Pro", 70_000, 0, 0, 0, 3],
  ["kp_06", "Desk Lamp Mini", 90_000, 0, 0, 10, 3],
  ["kp_07", "Desk Lamp Mini", 90_000, 45, 10, 10, 4],
  ["kp_08", "Floor Lamp", 120_000, 45, 10, 25, 4],
  ["kp_09", "Floor Lamp", 120_000, 9, 2, 25, 5],
  ["kp_10", "Wall Lamp", 150_000, 10, 3, 0, 5],
];

/** Seven kettles in one category of their own, priced ₹1,000 to ₹7,000 in id order. */
async function addKettles(category: string): Promise<string[]> {
  await addCategory(category, `Kettles ${category}`);
  const rows: BulkProduct[] = Array.from({ length: 7 }, (_, i) => ({
    id: `${category}_${i + 1}`,
    title: `Electric Kettle ${i + 1}`,
    brand: "Boilco",
    category,
    price: (i + 1) * 100_000,
    createdAt: T(1),
  }));
  await addProducts(rows);
  return rows.map((r) => r.id);
}

describe("paging by the last row's sort key", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    await addCategory("kp-lamps", "Lighting");
    await addProducts(
      LAMPS.map(([id, title, price, ratingSum, ratingCount, popularity, day]) => ({
        id,
        title,
        brand: "Lumo",
        category: "kp-lamps",
        price,
        ratingSum,
        ratingCount,
        popularity,
        createdAt: T(day),
      })),
    );
  });

  for (const q of [null, "lamp"]) {
    it(`lists every product exactly once, in order, one page at a time, for every sort ${q ? "of a text query" : "when browsing"}`, async () => {
      for (const sort of SORTS) {
        const query = { category: "kp-lamps", sort, ...(q ? { q } : {}) };
        const whole = await run({ ...query, limit: "60" });
        expect(whole.items).toHaveLength(LAMPS.length);
        expect(whole.next_cursor).toBeNull();
        // A page of one puts a page boundary between every two rows, each tie included.
        const first = await run({ ...query, limit: "1" });
        const paged = [...first.items.map((i) => i.id), ...(await pagesFrom({ ...query, limit: "1" }, first.next_cursor))];
        expect({ sort, ids: paged }).toEqual({ sort, ids: whole.items.map((i) => i.id) });
      }
    });
  }

  it("skips no product when one already shown rises in price past the page boundary", async () => {
    const [k1, k2, k3, k4, k5, k6, k7] = await addKettles("kp-rise");
    const query = { category: "kp-rise", sort: "price_asc", limit: "3" };
    const first = await run(query);
    expect(first.items.map((i) => i.id)).toEqual([k1, k2, k3]);
    await setPrice(k1 as string, 900_000);
    // Counting rows would start the next page at the fifth kettle: the first now comes after the
    // fourth, which nothing would show. The first itself is listed again, at its new price.
    expect(await pagesFrom(query, first.next_cursor)).toEqual([k4, k5, k6, k7, k1]);
  });

  it("repeats no product when one not yet shown drops in price below the page boundary", async () => {
    const [k1, k2, k3, k4, k5, k6, k7] = await addKettles("kp-drop");
    const query = { category: "kp-drop", sort: "price_asc", limit: "3" };
    const first = await run(query);
    expect(first.items.map((i) => i.id)).toEqual([k1, k2, k3]);
    await setPrice(k5 as string, 50_000);
    // Counting rows would show the third kettle again, pushed down by the fifth, now the cheapest.
    expect(await pagesFrom(query, first.next_cursor)).toEqual([k4, k6, k7]);
  });

  it("shows a product that sells out after the first page once, and skips no other", async () => {
    const [k1, k2, k3, k4, k5, k6, k7] = await addKettles("kp-stock");
    const query = { category: "kp-stock", sort: "price_asc", in_stock: "true", limit: "3" };
    const first = await run(query);
    expect(first.items.map((i) => i.id)).toEqual([k1, k2, k3]);
    await env.DB.prepare("UPDATE products SET stock_total = 0 WHERE id = ?1").bind(k2).run();
    expect(await pagesFrom(query, first.next_cursor)).toEqual([k4, k5, k6, k7]);
  });

  describe("a cursor is refused with a 400 naming it", () => {
    const refused = async (path: string) => {
      const res = await api(path);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = (await res.json()) as { errors?: Array<{ path: string }> };
      expect(body.errors?.map((e) => e.path)).toEqual(["cursor"]);
    };
    const cursorOf = async (query: string) => {
      const page = (await (await api(`/api/products?${query}`)).json()) as { next_cursor: string | null };
      expect(page.next_cursor).not.toBeNull();
      return page.next_cursor as string;
    };

    it("when it comes from another sort or another text query", async () => {
      await refused(
        `/api/products?category=kp-lamps&sort=newest&limit=2&cursor=${await cursorOf("category=kp-lamps&sort=price_asc&limit=2")}`,
      );
      await refused(`/api/products?q=desk&sort=rating&limit=2&cursor=${await cursorOf("q=lamp&sort=rating&limit=2")}`);
    });

    it("when it does not carry its sort's key, or only a count of rows", async () => {
      const params = SearchQuerySchema.parse({ category: "kp-lamps", sort: "price_asc" });
      const wrongKey = encodeCursor(params, { depth: 2, id: "kp_02", key: ["50000"] });
      await refused(`/api/products?category=kp-lamps&sort=price_asc&cursor=${wrongKey}`);
      const offset = base64url(new TextEncoder().encode(JSON.stringify({ o: 2, f: queryFingerprint(params) })));
      await refused(`/api/products?category=kp-lamps&sort=price_asc&cursor=${offset}`);
    });
  });
});

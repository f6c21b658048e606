import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { myOrdersStatement } from "../../workers/orders/queries";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { seedOrder, timesFrom } from "./seed";

interface Page {
  items: Array<{ id: string; status: string; created_at: string }>;
  next_cursor: string | null;
  years: number[];
}

async function page(path: string, user: TestUser): Promise<Page> {
  const res = await api(path, { headers: user.headers });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Page;
}

/** Every id of a filtered list, a page of `limit` at a time, following next_cursor with the same filter. */
async function walk(query: string, user: TestUser, limit = 2): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const p = await page(`/api/orders?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, user);
    pages.push(p.items.map((o) => o.id));
    cursor = p.next_cursor;
  } while (cursor && pages.length < 20);
  return pages;
}

/**
 * A shopper's orders over two years: in 2021 two delivered and one shipped; in 2022 (in India: the
 * first placed at 00:30 IST on 1 January, still 2021 in UTC) two delivered, one cancelled, one
 * cancelled and then refunded, one returned and refunded, one with a return asked for, and one
 * whose payment failed.
 */
async function shopperWithHistory() {
  const user = await createTestUser();
  const at21 = timesFrom("2021-03-01T10:00:00.000Z", 3);
  const at22 = ["2021-12-31T19:00:00.000Z", ...timesFrom("2022-02-01T10:00:00.000Z", 6)];
  const seed = (status: Parameters<typeof seedOrder>[0]["status"], at: string) => seedOrder({ userId: user.id, status, at });
  const o = {
    d21a: await seed("delivered", at21[0]!),
    d21b: await seed("delivered", at21[1]!),
    s21: await seed("shipped", at21[2]!),
    d22a: await seed("delivered", at22[0]!),
    c22: await seed("cancelled", at22[1]!),
    cr22: await seed("refunded", at22[2]!),
    r22: await seed("refunded", at22[3]!),
    d22b: await seed("delivered", at22[4]!),
    rq22: await seed("return_requested", at22[5]!),
    pf22: await seed("payment_failed", at22[6]!),
  };
  // Refunded after a cancellation: the cancellation gave its stock back first.
  await env.DB.prepare("UPDATE orders SET cancel_restocked_at = ? WHERE id = ?").bind(at22[2], o.cr22).run();
  return { user, o };
}

describe("finding an old order", () => {
  it("lists one group at a time, newest first, paging within the group", async () => {
    const { user, o } = await shopperWithHistory();
    expect(await walk("status=delivered", user)).toEqual([
      [o.d22b, o.d22a],
      [o.d21b, o.d21a],
    ]);
    expect((await walk("status=in_progress", user)).flat()).toEqual([o.s21]);
    expect((await walk("status=returns", user)).flat()).toEqual([o.rq22, o.r22]);
    // A cancelled order refunded its money counts as cancelled, as does a payment that failed.
    expect((await walk("status=cancelled", user)).flat()).toEqual([o.pf22, o.cr22, o.c22]);
    // Every order is in exactly one group.
    const grouped = [];
    for (const g of ["in_progress", "delivered", "returns", "cancelled"]) grouped.push(...(await walk(`status=${g}`, user, 50)).flat());
    expect(grouped.sort()).toEqual(Object.values(o).sort());
  });

  it("lists one year as India counts it, alone or with a group, and offers the years since the first order", async () => {
    const { user, o } = await shopperWithHistory();
    expect((await walk("year=2021", user)).flat()).toEqual([o.s21, o.d21b, o.d21a]);
    const in22 = await walk("year=2022", user, 3);
    expect(in22.flat()).toEqual([o.pf22, o.rq22, o.d22b, o.r22, o.cr22, o.c22, o.d22a]);
    expect(in22.map((p) => p.length)).toEqual([3, 3, 1]);
    expect((await walk("status=delivered&year=2022", user, 1)).flat()).toEqual([o.d22b, o.d22a]);
    expect((await walk("status=in_progress&year=2022", user)).flat()).toEqual([]);
    const thisYear = new Date(Date.now() + 330 * 60_000).getUTCFullYear();
    const years = (await page("/api/orders?year=2021", user)).years;
    expect(years[0]).toBe(thisYear);
    expect(years.at(-1)).toBe(2021);
    expect(years).toHaveLength(thisYear - 2021 + 1);
  });

  it("continues a cursor only in the filtered list it came from", async () => {
    const { user } = await shopperWithHistory();
    const delivered = await page("/api/orders?status=delivered&limit=1", user);
    for (const other of ["", "status=returns&", "status=delivered&year=2022&"]) {
      const res = await api(`/api/orders?${other}cursor=${delivered.next_cursor}`, { headers: user.headers });
      expect(res.status, other).toBe(400);
      expect(((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["cursor"]);
    }
  });

  it("refuses a group or year it does not know with a 400 naming the field", async () => {
    const user = await createTestUser();
    for (const [query, field] of [
      ["status=lost", "status"],
      ["status=shipped", "status"],
      ["year=twenty", "year"],
      ["year=1999", "year"],
      // A year still to come holds no orders either.
      [`year=${new Date().getUTCFullYear() + 2}`, "year"],
      ["year=2022.5", "year"],
      ["year=", "year"],
    ] as const) {
      const res = await api(`/api/orders?${query}`, { headers: user.headers });
      expect(res.status, query).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(
        ((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path),
        query,
      ).toEqual([field]);
    }
  });

  it("is documented on the list's operation as status and year", async () => {
    type Param = { name: string; in: string; schema: { type?: string; enum?: string[]; minimum?: number } };
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { parameters: Param[] }>> };
    const params = Object.fromEntries((doc.paths["/api/orders"]?.get?.parameters ?? []).map((p) => [p.name, p.schema]));
    expect(params.status).toMatchObject({ enum: ["in_progress", "delivered", "returns", "cancelled"] });
    expect(params.year).toMatchObject({ type: "integer", minimum: 2020 });
  });
});

describe("the filtered list's statements", () => {
  const cursor = { at: "2032-01-01T00:00:00.000Z", id: "ord_x", scope: "" };

  async function plan(filter: { status?: "delivered"; year?: number }, withCursor: boolean): Promise<string[]> {
    const { sql, binds } = myOrdersStatement("usr_x", { limit: 20, cursor: withCursor ? cursor : undefined, ...filter });
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...binds)
      .all<{ detail: string }>();
    return results.map((r) => r.detail);
  }

  it("read one index range of the shopper's orders, in page order, for every filter", async () => {
    for (const withCursor of [false, true]) {
      const ranges = [
        [{}, "orders_user_idx (user_id=?"],
        [{ year: 2022 }, "orders_user_idx (user_id=? AND created_at>? AND created_at<?)"],
        [{ status: "delivered" as const }, "orders_user_group_idx (user_id=? AND status_group=?"],
        [
          { status: "delivered" as const, year: 2022 },
          "orders_user_group_idx (user_id=? AND status_group=? AND created_at>? AND created_at<?)",
        ],
      ] as const;
      for (const [filter, range] of ranges) {
        const steps = await plan(filter, withCursor);
        const label = `${JSON.stringify(filter)} cursor=${withCursor}`;
        expect(steps[0], label).toContain(`SEARCH o USING INDEX ${range}`);
        expect(
          steps.filter((d) => d.startsWith("SCAN o")),
          label,
        ).toEqual([]);
        // Newest first straight from the index: only each order's few lines are sorted, for its pictures.
        expect(
          steps.filter((d) => d === "USE TEMP B-TREE FOR ORDER BY"),
          label,
        ).toHaveLength(1);
      }
    }
  });
});

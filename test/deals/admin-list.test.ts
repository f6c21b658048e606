import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminDealsSql, listAdminDeals } from "../../workers/deals/admin-list";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { type DealSetup, createDealViaApi, dealSetup, gateOutage, liveDealTwoSold } from "./helpers";

interface DealPage {
  items: { id: string; status: string; product_id: string; product_title: string; seller_name: string; remaining: number | null }[];
  next_cursor: string | null;
}

/** The deal as the admin list's first page has it. */
async function listed(s: DealSetup, id: string) {
  const res = await api("/api/admin/deals?limit=100", { headers: s.manager.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as DealPage).items.find((d) => d.id === id);
}

// The list reads a live deal's gate through the waiting room's state, which stays fresh for a second.
const pastFreshState = () => new Promise((r) => setTimeout(r, 1_100));

describe("GET /api/admin/deals", () => {
  it("lists ended deals beside live and upcoming ones, a page at a time, each deal once", async () => {
    const s = await dealSetup(50);
    const later = await dealSetup(50);
    const ended = await createDealViaApi(s);
    const upcoming = await createDealViaApi(later, { starts_at: new Date(Date.now() + 600_000).toISOString() });
    expect((await api(`/api/admin/deals/${ended}/end`, { method: "POST", body: {}, headers: s.manager.headers })).status).toBe(200);

    const seen: DealPage["items"] = [];
    let cursor: string | null = null;
    do {
      const res = await api(`/api/admin/deals?limit=1${cursor ? `&cursor=${cursor}` : ""}`, { headers: s.manager.headers });
      expect(res.status).toBe(200);
      const page = (await res.json()) as DealPage;
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    const ids = seen.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.find((d) => d.id === ended)?.status).toBe("ended");
    // Latest start first: the deal starting in ten minutes comes before the one that started at once.
    expect(ids.indexOf(upcoming)).toBeLessThan(ids.indexOf(ended));
  });

  it("refuses a forged cursor as a field error and other roles outright", async () => {
    const manager = await createTestUser(["deal_manager"]);
    const forged = await api("/api/admin/deals?cursor=bm90LW91cnM", { headers: manager.headers });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["cursor"]);
    const shopper = await createTestUser([]);
    expect((await api("/api/admin/deals", { headers: shopper.headers })).status).toBe(403);
    expect((await api("/api/admin/deals")).status).toBe(401);
  });

  it("names each deal's product and seller, so a manager need not know its ids", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s);
    const res = await api("/api/admin/deals?limit=100", { headers: s.manager.headers });
    const deal = ((await res.json()) as DealPage).items.find((d) => d.id === id);
    expect(deal).toMatchObject({
      product_id: s.fixture.productId,
      product_title: "Test Phone 5G (8GB RAM, 128GB)",
      seller_name: "Test Seller",
    });
  });

  it("gives a live deal's units left from its gate, going down as units are held and sold", async () => {
    const s = await dealSetup(30);
    const { id, gate } = await liveDealTwoSold(s);
    expect(await listed(s, id)).toMatchObject({ status: "live", units: 10, remaining: 8 });

    expect((await gate.reserve({ reservationId: "b", shopperId: "u2", qty: 1 })).ok).toBe(true);
    await pastFreshState();
    expect(await listed(s, id)).toMatchObject({ status: "live", remaining: 7 });
    expect(await gate.commit("b")).toBe("done");
    await pastFreshState();
    expect(await listed(s, id)).toMatchObject({ status: "live", remaining: 7 });
  });

  it("says sold out, with none left, once the gate has sold every unit", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s, { units: 2 });
    expect(await listed(s, id)).toMatchObject({ status: "sold_out", units: 2, remaining: 0 });
  });

  it("gives a scheduled deal all its units and an ended one what it sold and returned instead", async () => {
    const s = await dealSetup(50);
    const upcoming = await createDealViaApi(s, { units: 5, starts_at: new Date(Date.now() + 600_000).toISOString() });
    expect(await listed(s, upcoming)).toMatchObject({ status: "scheduled", units: 5, remaining: 5 });
    const other = await dealSetup(50);
    const ended = await createDealViaApi(other);
    expect((await api(`/api/admin/deals/${ended}/end`, { method: "POST", body: {}, headers: other.manager.headers })).status).toBe(200);
    // An ended deal's units are not left but sold or back in stock: the list says that instead.
    expect(await listed(other, ended)).toMatchObject({ status: "ended", remaining: null, sold: 0, returned: 10 });
    expect(await listed(s, upcoming)).toMatchObject({ sold: null, returned: null });
  });

  it("still lists a live deal whose gate cannot be asked, its units left not known", async () => {
    const s = await dealSetup(30);
    const id = await createDealViaApi(s, { starts_at: new Date(Date.now() + 200).toISOString() });
    await new Promise((r) => setTimeout(r, 250));
    const outage = gateOutage();
    outage.down = true;
    const ctx = createExecutionContext();
    const page = await listAdminDeals(outage.env, ctx, { limit: 100 });
    await waitOnExecutionContext(ctx);
    expect(page.items.find((d) => d.id === id)).toMatchObject({ status: "live", remaining: null });
    expect(outage.syncs).toBeGreaterThan(0);
  });

  it("reads a page in index order and looks its names up by primary key, never scanning the catalog", async () => {
    for (const after of [false, true]) {
      const binds = after ? ["2030-01-01T00:00:00.000Z", "deal_x", 51] : [51];
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${adminDealsSql(after)}`)
        .bind(...binds)
        .all<{ detail: string }>();
      const steps = results.map((r) => r.detail);
      for (const table of ["dl", "dp", "ds"]) {
        expect(steps).toContainEqual(expect.stringMatching(new RegExp(`^SEARCH ${table} USING INDEX sqlite_autoindex_\\w+ \\(id=\\?\\)$`)));
      }
      expect(steps.filter((d) => /^SCAN (dl|dp|ds)\b/.test(d))).toEqual([]);
      // Deals are read in page order, so a page joins the names of its own deals only, not of every deal ever made.
      expect(steps).toContainEqual(expect.stringMatching(/^(SCAN|SEARCH) deals USING INDEX deals_starts_idx\b/));
      expect(steps.filter((d) => d.includes("TEMP B-TREE"))).toEqual([]);
    }
  });
});

import { describe, expect, it } from "vitest";
import { paidDealOrder } from "../checkout/deal-support";
import { stockOf } from "../checkout/support";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { consoleDealRow } from "./deals-console-table";

/** The dashboard's live figures as its manager reads them, by name. */
async function dashboardFigures(id: string, headers: Record<string, string>): Promise<Record<string, string>> {
  const page = await (await api(`/deals-console/${id}`, { headers })).text();
  return Object.fromEntries([...page.matchAll(/<dd data-figure="(\w+)">([^<]*)<\/dd>/g)].map((m) => [m[1], m[2]?.trim() ?? ""]));
}

describe("the deal dashboard after ops cancel an order of the deal", () => {
  it("stops counting the cancelled unit as sold and counts it returned to stock, where it went, with the deal's units left unchanged", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s, { units: 3, per_user_limit: 1, starts_at: new Date(Date.now() + 300).toISOString() });
    await scheduler.wait(400);
    const { orderId } = await paidDealOrder(s.fixture.listingId, id);
    // The gate books the sale into the ledger through its journal; the cancel restocks it from there.
    for (let i = 0; i < 100 && (await stockOf(s.fixture.listingId))!.sold < 1; i++) await scheduler.wait(50);
    expect(await dashboardFigures(id, s.manager.headers)).toMatchObject({ remaining: "2", sold: "1", reserved: "0", returned: "0" });
    const shelf = (await stockOf(s.fixture.listingId))!;

    const ops = await createTestUser(["ops"]);
    const moved = await api(`/api/admin/orders/${orderId}/transitions`, {
      method: "POST",
      headers: ops.headers,
      body: { to: "cancelled" },
    });
    expect(moved.status).toBe(200);

    // The unit is back on the listing's own shelf, not on sale in the deal again.
    expect(await stockOf(s.fixture.listingId)).toMatchObject({ sold: 0, available: shelf.available + 1 });
    expect(await dashboardFigures(id, s.manager.headers)).toMatchObject({ remaining: "2", sold: "0", reserved: "0", returned: "1" });
    const figures = ((await (await api(`/api/admin/deals/${id}`, { headers: s.manager.headers })).json()) as { figures: object }).figures;
    expect(figures).toMatchObject({ remaining: 2, sold: 0, returned: 1 });

    // A retried cancel (the cron settling it again) counts nothing twice.
    const again = await api(`/api/admin/orders/${orderId}/transitions`, {
      method: "POST",
      headers: ops.headers,
      body: { to: "cancelled" },
    });
    expect(again.status).toBeLessThan(500);
    expect(await dashboardFigures(id, s.manager.headers)).toMatchObject({ remaining: "2", sold: "0", returned: "1" });
  });

  it("after the deal ended, counts the cancelled unit returned in the deals list as on the dashboard, once however often the cancel comes", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s, { units: 3, per_user_limit: 1, starts_at: new Date(Date.now() + 300).toISOString() });
    await scheduler.wait(400);
    const { orderId } = await paidDealOrder(s.fixture.listingId, id);
    for (let i = 0; i < 100 && (await stockOf(s.fixture.listingId))!.sold < 1; i++) await scheduler.wait(50);
    const end = await api(`/api/admin/deals/${id}/end`, { method: "POST", body: {}, headers: s.manager.headers });
    expect(end.status).toBe(200);
    const unitsCell = async () =>
      consoleDealRow(await (await api("/deals-console", { headers: s.manager.headers })).text(), id)?.cells["Units left"];
    expect(await unitsCell()).toBe("Sold 1 of 3 2 back to stock");

    const ops = await createTestUser(["ops"]);
    for (const _ of [1, 2]) {
      const moved = await api(`/api/admin/orders/${orderId}/transitions`, {
        method: "POST",
        headers: ops.headers,
        body: { to: "cancelled" },
      });
      expect(moved.status).toBeLessThan(500);
      expect(await dashboardFigures(id, s.manager.headers)).toMatchObject({ sold: "0", returned: "3" });
      expect(await unitsCell()).toBe("Sold 0 of 3 3 back to stock");
    }
  });
});

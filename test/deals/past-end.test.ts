import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { tickDeals } from "../../workers/deals/control-deal";
import { api } from "../helpers/http";
import { inventoryRows } from "../helpers/inventory";
import { dealSetup, liveDealTwoSold } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a live deal whose end time has passed, before the minute cron ends it", () => {
  it("is shown ended to the deal manager and dropped from the shoppers' list", async () => {
    const s = await dealSetup(20);
    const endsAt = Date.now() + 1_500;
    const { id } = await liveDealTwoSold(s, { ends_at: new Date(endsAt).toISOString() });
    const status = async () =>
      ((await (await api(`/api/admin/deals/${id}`, { headers: s.manager.headers })).json()) as { status: string }).status;
    // The minute cron has marked it live.
    await tickDeals(env);
    const row = await env.DB.prepare("SELECT status FROM deals WHERE id = ?").bind(id).first<{ status: string }>();
    expect(row?.status).toBe("live");
    expect(await status()).toBe("live");
    await sleep(endsAt - Date.now() + 100);
    // Nothing can be bought any more: the console must not say live for up to another minute.
    expect(await status()).toBe("ended");
    const listed = (await (await api("/api/admin/deals?limit=100", { headers: s.manager.headers })).json()) as {
      items: { id: string; status: string }[];
    };
    expect(listed.items.find((d) => d.id === id)?.status).toBe("ended");
    const open = (await (await api("/api/deals")).json()) as { items: { id: string }[] };
    expect(open.items.some((d) => d.id === id)).toBe(false);
  });

  it("has figures that say its end time passed with its unsold units still out, and ending it returns them at once", async () => {
    const s = await dealSetup(20);
    const endsAt = Date.now() + 1_500;
    const { id, gate } = await liveDealTwoSold(s, { ends_at: new Date(endsAt).toISOString() });
    await tickDeals(env);
    const figures = async () =>
      (await (await api(`/api/admin/deals/${id}`, { headers: s.manager.headers })).json()) as {
        figures: { status: string; remaining: number; returned: number };
      };
    await sleep(endsAt - Date.now() + 100);

    // The gate calls it ended by the clock, but its 8 unsold units are out of stock until it is ended.
    expect((await figures()).figures).toMatchObject({ status: "past_end", remaining: 8, returned: 0 });
    expect((await inventoryRows(s.fixture.listingId))[0]).toMatchObject({ available: 10 });

    const ended = await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: s.manager.headers });
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as { status: string }).status).toBe("ended");
    expect((await inventoryRows(s.fixture.listingId))[0]).toMatchObject({ available: 18 });
    expect(await gate.figures()).toMatchObject({ status: "ended", sold: 2, remaining: 0, returned: 8 });
    expect((await figures()).figures).toMatchObject({ status: "ended", remaining: 0, returned: 8 });
  });
});

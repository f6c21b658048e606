import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { tickDeals } from "../../workers/deals/control-deal";
import { consolePost } from "../helpers/forms";
import { api } from "../helpers/http";
import { inventoryRows } from "../helpers/inventory";
import { dealSetup, liveDealTwoSold } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("resuming a paused deal after its end time", () => {
  it("ends it at once, as the minute cron would: the gate ends and the unsold units go back to stock", async () => {
    const s = await dealSetup(20);
    const endsAt = Date.now() + 1_500;
    const { id, gate } = await liveDealTwoSold(s, { ends_at: new Date(endsAt).toISOString() });
    const control = (action: string) => api(`/api/admin/deals/${id}/${action}`, { method: "POST", headers: s.manager.headers });
    expect((await control("pause")).status).toBe(200);
    await sleep(endsAt - Date.now() + 100);

    // The manager presses Resume on the dashboard.
    const resumed = await consolePost(`/deals-console/${id}/resume`, {}, s.manager.headers);
    expect(resumed.status).toBe(303);
    expect(resumed.headers.get("location")).toBe(`/deals-console/${id}?done=ended_on_resume`);
    const row = await env.DB.prepare("SELECT status FROM deals WHERE id = ?").bind(id).first<{ status: string }>();
    expect(row?.status).toBe("ended");
    // The 8 unsold units are back in the ledger before the answer, not a minute later.
    expect((await inventoryRows(s.fixture.listingId))[0]).toMatchObject({ available: 18 });
    expect(await gate.figures()).toMatchObject({ status: "ended", sold: 2, remaining: 0, returned: 8 });

    // The console says so: the list and the dashboard show it ended, not live.
    const listed = (await (await api("/api/admin/deals?limit=100", { headers: s.manager.headers })).json()) as {
      items: { id: string; status: string }[];
    };
    expect(listed.items.find((d) => d.id === id)?.status).toBe("ended");
    const board = await (await api(resumed.headers.get("location") ?? "", { headers: s.manager.headers })).text();
    expect(board).toMatch(/data-figure="status">Ended</);
    expect(board).toContain("The deal&#39;s end time had passed, so resuming it ended it: its unsold units went back to stock.");

    // The cron finds nothing left to do, and a second resume is refused as for any ended deal.
    await tickDeals(env);
    expect((await inventoryRows(s.fixture.listingId))[0]).toMatchObject({ available: 18 });
    const again = await control("resume");
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toBe("This deal has ended, so it cannot be resumed.");
  });

  it("still resumes a paused deal whose end time has not come", async () => {
    const s = await dealSetup(20);
    const { id } = await liveDealTwoSold(s);
    const control = (action: string) => api(`/api/admin/deals/${id}/${action}`, { method: "POST", headers: s.manager.headers });
    expect((await control("pause")).status).toBe(200);
    const resumed = await control("resume");
    expect(((await resumed.json()) as { status: string }).status).toBe("live");
    // The console's redirect carries no notice then.
    expect((await control("pause")).status).toBe(200);
    const pressed = await consolePost(`/deals-console/${id}/resume`, {}, s.manager.headers);
    expect(pressed.headers.get("location")).toBe(`/deals-console/${id}`);
    expect((await inventoryRows(s.fixture.listingId))[0]).toMatchObject({ available: 10 });
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { tickDeals } from "../../workers/deals/control-deal";
import { consolePost } from "../helpers/forms";
import { api } from "../helpers/http";
import { inventoryRows } from "../helpers/inventory";
import { dealSetup, liveDealTwoSold } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A live deal of 10 units, 2 sold, paused and then left until its end time passed (1.5 s after it
 * was made); `control` presses one of its manager's buttons through the API.
 */
async function pausedPastItsEnd() {
  const s = await dealSetup(20);
  const endsAt = Date.now() + 1_500;
  const { id, gate } = await liveDealTwoSold(s, { ends_at: new Date(endsAt).toISOString() });
  const control = (action: string) => api(`/api/admin/deals/${id}/${action}`, { method: "POST", headers: s.manager.headers });
  expect((await control("pause")).status).toBe(200);
  await sleep(endsAt - Date.now() + 100);
  return { s, id, gate, control };
}

describe("resuming a paused deal after its end time", () => {
  it("ends it at once, as the minute cron would: the gate ends and the unsold units go back to stock", async () => {
    const { s, id, gate, control } = await pausedPastItsEnd();

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
    // The console's redirect says it resumed, not that it ended.
    expect((await control("pause")).status).toBe(200);
    const pressed = await consolePost(`/deals-console/${id}/resume`, {}, s.manager.headers);
    expect(pressed.headers.get("location")).toBe(`/deals-console/${id}?done=resumed`);
    expect((await inventoryRows(s.fixture.listingId))[0]).toMatchObject({ available: 10 });
  });
});

describe("a paused deal whose end time has passed", () => {
  it("is told apart from an ended one by its figures, and ending it returns its unsold units at once", async () => {
    const { s, id, gate, control } = await pausedPastItsEnd();
    const figures = async () =>
      (await (await api(`/api/admin/deals/${id}`, { headers: s.manager.headers })).json()) as {
        status: string;
        figures: { status: string; remaining: number; returned: number };
      };

    // The gate calls it ended by the clock, but its 8 unsold units are still out of stock until it is ended.
    expect(await figures()).toMatchObject({ status: "paused", figures: { status: "paused_past_end", remaining: 8, returned: 0 } });
    expect((await inventoryRows(s.fixture.listingId))[0]).toMatchObject({ available: 10 });

    const ended = await control("end");
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as { status: string }).status).toBe("ended");
    expect((await inventoryRows(s.fixture.listingId))[0]).toMatchObject({ available: 18 });
    expect(await gate.figures()).toMatchObject({ status: "ended", sold: 2, remaining: 0, returned: 8 });
    expect(await figures()).toMatchObject({ status: "ended", figures: { status: "ended", remaining: 0, returned: 8 } });
  });

  it("is not while its end time is still to come", async () => {
    const s = await dealSetup(20);
    const { id } = await liveDealTwoSold(s);
    expect((await api(`/api/admin/deals/${id}/pause`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    const board = (await (await api(`/api/admin/deals/${id}`, { headers: s.manager.headers })).json()) as { figures: { status: string } };
    expect(board.figures.status).toBe("paused");
  });
});

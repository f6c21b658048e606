import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { checkEndedGates } from "../../workers/deals/ended-gates";
import { tickDeals } from "../../workers/deals/control-deal";
import { when } from "../../workers/pages/format";
import { api } from "../helpers/http";
import { consoleDealRow } from "../pages/deals-console-table";
import { type DealSetup, dealSetup, liveDealTwoSold, shipGateJournal } from "./helpers";

interface Listed {
  id: string;
  status: string;
  ends_at: string;
  ended_at: string | null;
  units: number;
  remaining: number | null;
  sold: number | null;
  returned: number | null;
}

/** The deal as the admin list's first page has it. */
async function listed(s: DealSetup, id: string): Promise<Listed | undefined> {
  const res = await api("/api/admin/deals?limit=100", { headers: s.manager.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Listed[] }).items.find((d) => d.id === id);
}

/** The deal's cell under `column` in the deals console. */
async function consoleCell(s: DealSetup, id: string, column = "Units left"): Promise<string | undefined> {
  const page = await (await api("/deals-console", { headers: s.manager.headers })).text();
  return consoleDealRow(page, id)?.cells[column];
}
const unitsCell = consoleCell;

const end = (s: DealSetup, id: string) => api(`/api/admin/deals/${id}/end`, { method: "POST", body: {}, headers: s.manager.headers });

// Its own file: the end-time test runs the minute cron, which ends every deal past its end.
describe("an ended deal's outcome in the deal list", () => {
  it("shows what a deal ended by its manager sold and returned to stock", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s);
    const before = new Date().toISOString();
    expect((await end(s, id)).status).toBe(200);
    const deal = await listed(s, id);
    expect(deal).toMatchObject({ status: "ended", units: 10, remaining: null, sold: 2, returned: 8 });
    expect(await unitsCell(s, id)).toBe("Sold 2 of 10 8 back to stock");

    // Ended hours before its end time: the list says when it stopped, not only when it was to.
    const endedAt = deal?.ended_at ?? "";
    expect(endedAt >= before && endedAt <= new Date().toISOString()).toBe(true);
    expect(endedAt < (deal?.ends_at ?? "")).toBe(true);
    expect(await consoleCell(s, id, "Ends")).toBe(`Ended ${when(endedAt)} IST was to end ${when(deal?.ends_at ?? "")} IST`);
  });

  it("records the outcome when the minute cron ends a deal whose end time passed", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s, { ends_at: new Date(Date.now() + 1_500).toISOString() });
    await new Promise((r) => setTimeout(r, 1_600));
    // Past its end the list calls it ended, but until it is ended nothing is recorded.
    const pastEnd = await listed(s, id);
    expect(pastEnd).toMatchObject({ status: "ended", sold: null, returned: null });
    expect(pastEnd?.ended_at).toBe(pastEnd?.ends_at);
    expect((await tickDeals(env)).ended).toBeGreaterThanOrEqual(1);
    const ended = await listed(s, id);
    expect(ended).toMatchObject({ status: "ended", sold: 2, returned: 8 });
    expect(await unitsCell(s, id)).toBe("Sold 2 of 10 8 back to stock");
    // Ended by the cron after its end time, it ran to it: the end time is when it stopped.
    expect(ended?.ended_at).toBe(ended?.ends_at);
    expect(await consoleCell(s, id, "Ends")).toBe(`${when(ended?.ends_at ?? "")} IST`);
  });

  it("keeps the figures of the first end when the end is retried, and makes them final once the held units are settled", async () => {
    const s = await dealSetup(30);
    const { id, gate } = await liveDealTwoSold(s);
    expect((await gate.reserve({ reservationId: "b", shopperId: "u2", qty: 1 })).ok).toBe(true);
    expect((await end(s, id)).status).toBe(200);
    expect(await listed(s, id)).toMatchObject({ sold: 2, returned: 7 });
    expect(await unitsCell(s, id)).toBe("Sold 2 of 10 7 back to stock, 1 held at the end");

    // The shopper holding the last unit pays after the end; ending again changes nothing.
    expect(await gate.commit("b")).toBe("done");
    expect((await end(s, id)).status).toBe(200);
    expect(await listed(s, id)).toMatchObject({ status: "ended", sold: 2, returned: 7 });

    // Nothing is held any more: the cron settles the deal with its final figures.
    for (let i = 0; i < 40 && (await gate.figures()).journalPending > 0; i++) {
      await runDurableObjectAlarm(gate);
      await new Promise((r) => setTimeout(r, 50));
    }
    await checkEndedGates(env, new Date().toISOString());
    expect(await listed(s, id)).toMatchObject({ sold: 3, returned: 7 });
    expect(await unitsCell(s, id)).toBe("Sold 3 of 10 7 back to stock");
  });

  it("fills in the outcome of deals ended before it was recorded, from the ledger's journal", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s);
    expect((await end(s, id)).status).toBe(200);
    await shipGateJournal(s, id);
    await env.DB.prepare("UPDATE deals SET sold_units = NULL, returned_units = NULL WHERE id = ?").bind(id).run();
    expect(await listed(s, id)).toMatchObject({ sold: null, returned: null });

    const migration = env.TEST_MIGRATIONS.find((m) => m.name.endsWith("_deal_final_figures.sql"));
    const backfill = migration?.queries.filter((q) => /^\s*(--[^\n]*\n\s*)*UPDATE `deals`/i.test(q)) ?? [];
    expect(backfill).toHaveLength(1);
    for (const q of backfill) await env.DB.prepare(q).run();
    expect(await listed(s, id)).toMatchObject({ status: "ended", sold: 2, returned: 8 });
  });
});

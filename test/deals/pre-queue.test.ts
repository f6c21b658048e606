import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { gateFor } from "../../workers/deals/gate-client";
import type { GateConfig } from "../../workers/deals/gate-types";
import { positionOf } from "../../workers/deals/place-in-line";
import { isAdmitted } from "../../workers/deals/waiting-room";
import { rankKey, readTicket } from "../../workers/deals/tickets";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup, gateConfig } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const noJoins = { preJoins: 0, joins: [] };

async function scheduledGate(overrides: Partial<GateConfig>) {
  const config = gateConfig(overrides);
  const gate = gateFor(env, config.dealId);
  await gate.init(config);
  return gate;
}

/** A ticket's claims as far as admission reads them, for a pre-queue rank given as its whole number. */
const preTicket = (key: number) => ({
  typ: "wr-ticket" as const,
  deal: "d",
  shopper: `s${key}`,
  joinedAt: 0,
  pre: true,
  rank: key / 2 ** 32,
});

describe("the pre-queue", () => {
  it("lets in exactly as many as the deal has slots for, the lowest ranks first, however short the line", async () => {
    const startsAt = Date.now() + 400;
    const gate = await scheduledGate({ startsAt, activeUsers: 2, newUsersPerMinute: 6000, sessionMinutes: 10 });
    // Eight shoppers, reported by two isolates; one shopper reported by both is one shopper.
    const ranks = [900, 100, 700, 300, 500, 200, 800, 400].map((r) => r * 1_000_000);
    await gate.sync({ preJoins: 5, preRanks: ranks.slice(0, 5), joins: [] });
    await gate.sync({ preJoins: 4, preRanks: [...ranks.slice(5), ranks[0]!], joins: [] });
    await sleep(startsAt + 3_000 + 300 - Date.now());
    await gate.sync(noJoins);
    const opened = await gate.sync(noJoins);
    expect(opened.preCount).toBe(8);
    const admitted = ranks.filter((r) => isAdmitted(preTicket(r), opened)).sort((a, b) => a - b);
    // The two lowest ranks, not a quarter of the rank space (which holds three of these eight).
    expect(admitted).toEqual([100_000_000, 200_000_000]);
    expect(await gate.figures()).toMatchObject({ admitted: 2, waiting: 6 });

    // The six still waiting are told places 1 to 6 in rank order: none shares a place or skips one.
    expect(opened.preWaiting).toEqual([300, 400, 500, 700, 800, 900].map((r) => r * 1_000_000));
    const waiting = ranks.filter((r) => !isAdmitted(preTicket(r), opened)).sort((a, b) => a - b);
    expect(waiting.map((r) => positionOf(preTicket(r), opened))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("still admits by share on a gate whose pre-queue was counted without ranks", async () => {
    const startsAt = Date.now() + 400;
    const gate = await scheduledGate({ startsAt, activeUsers: 2, newUsersPerMinute: 6000, sessionMinutes: 10 });
    await gate.sync({ preJoins: 8, joins: [] });
    await sleep(startsAt + 3_000 + 300 - Date.now());
    await gate.sync(noJoins);
    const opened = await gate.sync(noJoins);
    expect(opened.preCursor).toBe(0.25);
    // Without ranks the gate cannot list who waits, and places are estimated.
    expect(opened.preWaiting).toBeUndefined();
  });

  it("through the waiting room: of twenty who joined before the opening, the five lowest ranks are let in, and no one else", async () => {
    const dealId = await createDealViaApi(await dealSetup(50), {
      units: 40,
      starts_at: new Date(Date.now() + 1_500).toISOString(),
      waiting_room: { active_users: 5, new_users_per_minute: 600, session_minutes: 10 },
    });
    const joined: Array<{ cookie: string; ticket: string; key: number }> = [];
    for (let i = 0; i < 20; i++) {
      const cookie = ((await api("/api/cart")).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const res = await api(`/api/deals/${dealId}/queue`, { method: "POST", headers: { cookie } });
      const { ticket } = (await res.json()) as { ticket: string };
      joined.push({ cookie, ticket, key: rankKey((await readTicket(env.TICKET_SECRET, ticket))!.rank) });
    }
    await sleep(5_000);
    const statuses = new Map<number, string>();
    for (const j of joined) {
      const res = await api(`/api/deals/${dealId}/queue`, { headers: { cookie: j.cookie, "x-waiting-room-ticket": j.ticket } });
      statuses.set(j.key, ((await res.json()) as { status: string }).status);
    }
    const lowest = joined.map((j) => j.key).sort((a, b) => a - b);
    expect(lowest.map((k) => statuses.get(k))).toEqual([...Array(5).fill("admitted"), ...Array(15).fill("waiting")]);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { gateFor } from "../../workers/deals/gate-client";
import { api } from "../helpers/http";
import { type DealSetup, createDealViaApi, dealSetup } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A live deal of two units whose waiting room lets nobody in while the test runs (one admission a
 * minute, after the line settles), and three guests in its line; their tickets.
 */
async function dealWithThreeWaiting(s: DealSetup): Promise<{ id: string; tickets: string[] }> {
  const id = await createDealViaApi(s, {
    units: 2,
    per_user_limit: 2,
    starts_at: new Date(Date.now() + 200).toISOString(),
    waiting_room: { active_users: 1, new_users_per_minute: 1, session_minutes: 10 },
  });
  await sleep(250);
  const tickets: string[] = [];
  for (let i = 0; i < 3; i++) {
    // No cookie: each join is a new guest.
    const res = await api(`/api/deals/${id}/queue`, { method: "POST" });
    const body = (await res.json()) as { ticket: string; status: string };
    expect(body.status).toBe("waiting");
    tickets.push(body.ticket);
  }
  // The joins reach the gate with the isolate's next report, a second or so later.
  await until(s, id, (w) => w === 3);
  return { id, tickets };
}

/** The deal's "waiting" figure as the admin API reports it. */
async function waitingFigure(s: DealSetup, id: string): Promise<number> {
  const res = await api(`/api/admin/deals/${id}`, { headers: s.manager.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { figures: { waiting: number } }).figures.waiting;
}

async function until(s: DealSetup, id: string, ok: (waiting: number) => boolean): Promise<void> {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    last = await waitingFigure(s, id);
    if (ok(last)) return;
    await sleep(100);
  }
  throw new Error(`waiting figure stayed at ${last}`);
}

/** What a waiting shopper's poll answers, once the edge's cached deal state (a second old at most) has caught up. */
async function pollStatus(id: string, ticket: string): Promise<string> {
  const res = await api(`/api/deals/${id}/queue`, { headers: { "x-waiting-room-ticket": ticket } });
  return ((await res.json()) as { status: string }).status;
}

/** The dashboard page's "Shoppers waiting" figure. */
async function dashboardWaiting(s: DealSetup, id: string): Promise<string | undefined> {
  const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
  expect(page).toContain("Shoppers waiting");
  return /data-figure="waiting">([^<]*)</.exec(page)?.[1];
}

describe("the deal dashboard's shoppers waiting", () => {
  it("counts the line while held units may come back, and nobody once every shopper in it is told 'sold out'", async () => {
    const s = await dealSetup(20);
    const { id, tickets } = await dealWithThreeWaiting(s);
    const gate = gateFor(env, id);

    // Every unit held, none paid: a hold may still come back, so the line still waits for it.
    expect((await gate.reserve({ reservationId: "h", shopperId: "buyer", qty: 2 })).ok).toBe(true);
    await sleep(1_100);
    for (const t of tickets) expect(await pollStatus(id, t)).toBe("waiting");
    expect(await waitingFigure(s, id)).toBe(3);
    expect(await dashboardWaiting(s, id)).toBe("3");

    // Paid: sold out. The shoppers in line are told so and wait for nothing.
    expect(await gate.commit("h")).toBe("done");
    await sleep(1_100);
    for (const t of tickets) expect(await pollStatus(id, t)).toBe("sold_out");
    expect(await waitingFigure(s, id)).toBe(0);
    expect(await dashboardWaiting(s, id)).toBe("0");
    const res = await api(`/api/admin/deals/${id}`, { headers: s.manager.headers });
    expect(((await res.json()) as { figures: object }).figures).toMatchObject({ status: "sold_out", sold: 2, waiting: 0 });
  });

  it("counts nobody once the deal has ended with units unsold", async () => {
    const s = await dealSetup(20);
    const { id, tickets } = await dealWithThreeWaiting(s);
    expect((await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    await sleep(1_100);
    for (const t of tickets) expect(await pollStatus(id, t)).toBe("ended");
    expect(await waitingFigure(s, id)).toBe(0);
    expect(await dashboardWaiting(s, id)).toBe("0");
  });

  it("describes the figure in the OpenAPI document as the shoppers whose turn can still come", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { components: { schemas: Record<string, unknown> } };
    const figures = JSON.stringify(doc.components.schemas.DealFigures);
    const description = /"waiting":\{[^}]*"description":"([^"]*)"/.exec(figures)?.[1] ?? "";
    expect(description).toMatch(/turn can still come/);
    expect(description).toMatch(/0 once the deal is sold out or has ended/);
  });
});

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { describe, expect, it } from "vitest";
import { gateFor, verifyAdmission } from "../../workers/deals/gate-client";
import { readAdmission, readTicket, signAdmission } from "../../workers/deals/tickets";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "./helpers";

const SECRET = env.TICKET_SECRET;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface QueueBody {
  ticket: string;
  status: string;
  position: number | null;
  eta_seconds: number | null;
  all_held: boolean;
  admission_token?: string;
  admission_expires_at?: string;
}

/** A guest with a stable guest cookie, as a browser would keep it (the cart mints one). */
async function guest() {
  const res = await api("/api/cart");
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie };
}

async function join(dealId: string, who: { cookie: string }) {
  const res = await api(`/api/deals/${dealId}/queue`, { method: "POST", headers: { cookie: who.cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as QueueBody;
}

async function poll(dealId: string, ticket: string, who?: { cookie: string }) {
  return api(`/api/deals/${dealId}/queue`, { headers: { "x-waiting-room-ticket": ticket, ...(who ? { cookie: who.cookie } : {}) } });
}

/** A live deal of one unit that admits everyone at once, open by the time this returns. */
async function oneUnitDeal(): Promise<string> {
  const dealId = await createDealViaApi(await dealSetup(10), {
    units: 1,
    starts_at: new Date(Date.now() + 300).toISOString(),
    waiting_room: { active_users: 1000, new_users_per_minute: 6000, session_minutes: 10 },
  });
  await sleep(400);
  return dealId;
}

/** Polls as the shopper's page does until the ticket is let in; the admitted answer. */
async function untilAdmitted(dealId: string, ticket: string, who: { cookie: string }): Promise<QueueBody> {
  for (let i = 0; i < 40; i++) {
    const b = (await (await poll(dealId, ticket, who)).json()) as QueueBody;
    if (b.status === "admitted") return b;
    await sleep(250);
  }
  throw new Error("never admitted");
}

describe("waiting room", () => {
  it("gives a shopper who joins again without their ticket the same place, counted once", async () => {
    const dealId = await createDealViaApi(await dealSetup(10), { units: 2, starts_at: new Date(Date.now() + 60_000).toISOString() });
    const who = await guest();
    // A second tab, a reload that lost the ticket: five joins, no ticket presented.
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await join(dealId, who));
    expect(new Set(answers.map((a) => a.ticket)).size).toBe(1);
    // Once this isolate has reported its joins, the gate counts one shopper waiting.
    for (let i = 0; i < 30 && (await gateFor(env, dealId).figures()).waiting === 0; i++) {
      await sleep(200);
      await poll(dealId, answers[0]?.ticket ?? "", who);
    }
    expect((await gateFor(env, dealId).figures()).waiting).toBe(1);
    // Another shopper is a new place.
    expect((await join(dealId, await guest())).ticket).not.toBe(answers[0]?.ticket);
  });

  it("refuses a tampered ticket and a ticket for another deal", async () => {
    const s = await dealSetup(20);
    const a = await createDealViaApi(s, { units: 5 });
    const b = await createDealViaApi(await dealSetup(20), { units: 5 });
    const { ticket } = await join(a, await guest());
    const [body, sig] = ticket.split(".");
    const claims = JSON.parse(atob((body ?? "").replaceAll("-", "+").replaceAll("_", "/")));
    const forged = `${btoa(JSON.stringify({ ...claims, rank: 0 }))
      .replaceAll("+", "-")
      .replaceAll("/", "_")
      .replace(/=+$/, "")}.${sig}`;
    expect((await poll(a, forged)).status).toBe(401);
    expect((await poll(a, `${body}.${sig?.slice(0, -2)}xx`)).status).toBe(401);
    expect((await poll(b, ticket)).status).toBe(403);
    expect((await poll(a, ticket)).status).toBe(200);
  });

  it("refuses an admission token issued to another shopper or for another deal", async () => {
    const token = await signAdmission(SECRET, "deal_a", "gst_alice", Date.now() + 60_000);
    expect(await verifyAdmission(env, token, { dealId: "deal_a", shopperIds: ["usr_alice", "gst_alice"] })).toMatchObject({
      shopper: "gst_alice",
    });
    expect(await verifyAdmission(env, token, { dealId: "deal_a", shopperIds: ["gst_mallory", null] })).toBeNull();
    expect(await verifyAdmission(env, token, { dealId: "deal_b", shopperIds: ["gst_alice"] })).toBeNull();
    const expired = await signAdmission(SECRET, "deal_a", "gst_alice", Date.now() - 1);
    expect(await verifyAdmission(env, expired, { dealId: "deal_a", shopperIds: ["gst_alice"] })).toBeNull();
    // A waiting-room ticket is not an admission token.
    const s = await dealSetup(20);
    const dealId = await createDealViaApi(s, { units: 5 });
    const { ticket } = await join(dealId, await guest());
    expect(await verifyAdmission(env, ticket, { dealId, shopperIds: [(await readTicket(SECRET, ticket))?.shopper] })).toBeNull();
    // The hold endpoint refuses a token for someone else.
    const stolen = await signAdmission(SECRET, dealId, "gst_someone_else_000", Date.now() + 60_000);
    const res = await api(`/api/deals/${dealId}/hold`, {
      body: { admission_token: stolen, qty: 1 },
      headers: { cookie: (await guest()).cookie },
    });
    expect(res.status).toBe(403);
  });

  it("admits the pre-queue in random rank order once the deal opens, not in join order", async () => {
    const s = await dealSetup(50);
    const dealId = await createDealViaApi(s, {
      units: 40,
      starts_at: new Date(Date.now() + 1_500).toISOString(),
      waiting_room: { active_users: 1000, new_users_per_minute: 600, session_minutes: 10 },
    });
    const shoppers = await Promise.all(Array.from({ length: 16 }, () => guest()));
    const tickets: Array<{ who: { cookie: string }; ticket: string; rank: number }> = [];
    for (const who of shoppers) {
      const j = await join(dealId, who);
      expect(j.status).toBe("waiting");
      const claims = await readTicket(SECRET, j.ticket);
      expect(claims?.pre).toBe(true);
      tickets.push({ who, ticket: j.ticket, rank: claims?.rank ?? -1 });
    }
    // Join order is not rank order (16 shoppers: a sorted draw has odds 1 in 16!).
    const ranks = tickets.map((t) => t.rank);
    expect(ranks).not.toEqual([...ranks].sort((x, y) => x - y));
    // Re-joining cannot re-roll a better place: the same ticket comes back, and even a fresh
    // ticket for the same shopper carries the same rank.
    const first = tickets[0] as (typeof tickets)[number];
    const rejoin = await api(`/api/deals/${dealId}/queue`, {
      method: "POST",
      headers: { cookie: first.who.cookie, "x-waiting-room-ticket": first.ticket },
    });
    expect(((await rejoin.json()) as QueueBody).ticket).toBe(first.ticket);
    expect((await readTicket(SECRET, (await join(dealId, first.who)).ticket))?.rank).toBe(first.rank);

    // The deal opens, and the pre-queue once the last reports of joins before the start are in.
    await sleep(5_000);
    const answers = [];
    for (const t of tickets) answers.push({ rank: t.rank, body: (await (await poll(dealId, t.ticket, t.who)).json()) as QueueBody });
    const admitted = answers.filter((a) => a.body.status === "admitted");
    const waiting = answers.filter((a) => a.body.status === "waiting");
    expect(admitted.length).toBeGreaterThan(0);
    expect(admitted.every((a) => a.body.admission_token)).toBe(true);
    const highestAdmitted = Math.max(...admitted.map((a) => a.rank));
    expect(waiting.every((w) => w.rank > highestAdmitted)).toBe(true);
    // Positions of those still waiting follow rank order too.
    const byRank = [...waiting].sort((x, y) => x.rank - y.rank).map((w) => w.body.position ?? 0);
    expect(byRank).toEqual([...byRank].sort((x, y) => x - y));
  });

  it("shows no place in line or wait before the start, when places are not drawn yet, and shows them once the deal opens", async () => {
    const dealId = await createDealViaApi(await dealSetup(50), {
      units: 40,
      starts_at: new Date(Date.now() + 1_500).toISOString(),
      // One shopper a minute: the rest are still in line after the start.
      waiting_room: { active_users: 1000, new_users_per_minute: 1, session_minutes: 10 },
    });
    const shoppers = await Promise.all(Array.from({ length: 4 }, () => guest()));
    const tickets: string[] = [];
    for (const who of shoppers) {
      const j = await join(dealId, who);
      expect(j).toMatchObject({ status: "waiting", position: null, eta_seconds: null });
      tickets.push(j.ticket);
    }
    const before = (await (await poll(dealId, tickets[0] as string, shoppers[0])).json()) as QueueBody;
    expect(before).toMatchObject({ status: "waiting", position: null, eta_seconds: null });

    await sleep(2_800);
    const after = [];
    for (const [i, t] of tickets.entries()) after.push((await (await poll(dealId, t, shoppers[i])).json()) as QueueBody);
    const waiting = after.filter((a) => a.status === "waiting");
    expect(waiting.length).toBeGreaterThan(0);
    for (const w of waiting) expect(w).toMatchObject({ position: expect.any(Number), eta_seconds: expect.any(Number) });
  });

  it("serves joins after the start first come, first served, with no pre-queue rank", async () => {
    const dealId = await createDealViaApi(await dealSetup(50), {
      units: 40,
      // Nobody is admitted while this runs, so everyone who joins is still in line.
      waiting_room: { active_users: 1, new_users_per_minute: 1, session_minutes: 10 },
    });
    await sleep(1_200);
    const shoppers = await Promise.all(Array.from({ length: 6 }, () => guest()));
    const tickets: string[] = [];
    for (const who of shoppers) {
      tickets.push((await join(dealId, who)).ticket);
      await sleep(5);
    }
    const claims = await Promise.all(tickets.map((t) => readTicket(SECRET, t)));
    expect(claims.every((c) => c?.pre === false && c.rank === 0)).toBe(true);
    const joinedAt = claims.map((c) => c?.joinedAt ?? 0);
    expect(joinedAt).toEqual([...joinedAt].sort((a, b) => a - b));
    const positions = [];
    for (const [i, t] of tickets.entries()) {
      const body = (await (await poll(dealId, t, shoppers[i])).json()) as QueueBody;
      positions.push(body.status === "waiting" ? (body.position ?? 0) : 0);
    }
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("tells an admitted shopper to try again, not 'sold out', while every unit is only held, and lets them hold it once it comes back", async () => {
    const dealId = await oneUnitDeal();
    const alice = await guest();
    const bob = await guest();
    const admit = async (who: { cookie: string }) => {
      const { ticket } = await join(dealId, who);
      return { ticket, token: (await untilAdmitted(dealId, ticket, who)).admission_token };
    };
    const hold = (who: { cookie: string }, token: string | undefined) =>
      api(`/api/deals/${dealId}/hold`, { body: { admission_token: token, qty: 1 }, headers: { cookie: who.cookie } });
    const a = await admit(alice);
    const b = await admit(bob);
    const held = await hold(alice, a.token);
    expect(held.status).toBe(201);

    const refused = await hold(bob, b.token);
    expect(refused.status).toBe(409);
    expect(refused.headers.get("retry-after")).toBe("5");
    const problem = (await refused.json()) as { type: string; reason: string; detail: string };
    expect(problem.reason).toBe("all_held");
    expect(problem.type).not.toBe("/problems/sold-out");
    expect(problem.detail).toMatch(/try again/);
    // Bob keeps his turn: his ticket still admits him.
    await sleep(1_100);
    expect(((await (await poll(dealId, b.ticket, bob)).json()) as QueueBody).status).toBe("admitted");

    // Alice's payment fails and her hold is let go: the unit is Bob's to hold.
    const { reservation_id } = (await held.json()) as { reservation_id: string };
    expect(await gateFor(env, dealId).release(reservation_id, "payment declined")).toBe("done");
    expect((await hold(bob, b.token)).status).toBe(201);
  });

  it("tells a shopper in line that every unit is held, not that their turn is coming, until one comes back", async () => {
    const dealId = await oneUnitDeal();
    const buyer = await guest();
    const waiter = await guest();
    const mine = await join(dealId, buyer);
    const admitted = await untilAdmitted(dealId, mine.ticket, buyer);
    expect(admitted.all_held).toBe(false);
    const hold = await api(`/api/deals/${dealId}/hold`, {
      body: { admission_token: admitted.admission_token, qty: 1 },
      headers: { cookie: buyer.cookie },
    });
    expect(hold.status).toBe(201);
    // Nobody more is let in while the one unit is held: the next shopper waits, and is told why.
    await sleep(1_100);
    const theirs = await join(dealId, waiter);
    await sleep(4_500);
    const waiting = (await (await poll(dealId, theirs.ticket, waiter)).json()) as QueueBody;
    expect([waiting.status, waiting.all_held]).toEqual(["waiting", true]);
    // The no-script page says the same.
    const page = await (
      await api(`/deals/${dealId}/wait?ticket=${encodeURIComponent(theirs.ticket)}`, { headers: { cookie: waiter.cookie } })
    ).text();
    expect(page).toContain("Units may come back if they do not buy");
    // The unit comes back: the waiter is let in.
    const { reservation_id } = (await hold.json()) as { reservation_id: string };
    expect(await gateFor(env, dealId).release(reservation_id, "payment declined")).toBe("done");
    const turn = await untilAdmitted(dealId, theirs.ticket, waiter);
    expect(turn.all_held).toBe(false);
  });

  it("tells everyone waiting and every new joiner 'sold out' once the units are gone", async () => {
    const dealId = await oneUnitDeal();
    const buyer = await guest();
    const waiter = await guest();
    const mine = await join(dealId, buyer);
    const theirs = await join(dealId, waiter);
    const admitted = await untilAdmitted(dealId, mine.ticket, buyer);
    expect(admitted.admission_token).toBeTruthy();
    const hold = await api(`/api/deals/${dealId}/hold`, {
      body: { admission_token: admitted.admission_token, qty: 1 },
      headers: { cookie: buyer.cookie },
    });
    expect(hold.status).toBe(201);
    const again = await api(`/api/deals/${dealId}/hold`, {
      body: { admission_token: admitted.admission_token, qty: 1 },
      headers: { cookie: buyer.cookie },
    });
    const { reservation_id } = (await hold.json()) as { reservation_id: string };
    expect(again.status).toBe(201);
    expect(((await again.json()) as { reservation_id: string }).reservation_id).toBe(reservation_id);
    // Held but unpaid: the unit may come back, so nobody is turned away yet.
    await sleep(1_100);
    expect(((await (await poll(dealId, theirs.ticket, waiter)).json()) as QueueBody).status).not.toBe("sold_out");
    expect(await gateFor(env, dealId).commit(reservation_id)).toBe("done");
    await sleep(1_100);
    expect(((await (await poll(dealId, theirs.ticket, waiter)).json()) as QueueBody).status).toBe("sold_out");
    expect((await join(dealId, await guest())).status).toBe("sold_out");
    // The deal list (home page, deal page) says so too, instead of "live".
    const listed = (await (await api("/api/deals")).json()) as { items: { id: string; status: string }[] };
    expect(listed.items.find((d) => d.id === dealId)?.status).toBe("sold_out");
  });

  it("ends an admitted shopper's session when it lapses: polling again renews nothing", async () => {
    const dealId = await createDealViaApi(await dealSetup(20), {
      units: 5,
      starts_at: new Date(Date.now() + 300).toISOString(),
      waiting_room: { active_users: 10, new_users_per_minute: 6000, session_minutes: 1 },
    });
    // A session of a few seconds rather than a minute, so the test can see it end.
    const SESSION_MS = 4_000;
    await runInDurableObject(gateFor(env, dealId), (_: SkuGate, state) => {
      state.storage.sql.exec("UPDATE deal SET session_ms = ? WHERE id = 1", SESSION_MS);
    });
    await sleep(400);
    const shopper = await guest();
    const { ticket } = await join(dealId, shopper);
    const admitted = await untilAdmitted(dealId, ticket, shopper);
    const endsAt = Date.parse(admitted.admission_expires_at ?? "");
    expect(endsAt).toBeGreaterThan(Date.now());
    expect(endsAt).toBeLessThanOrEqual(Date.now() + SESSION_MS + 1_000);
    expect((await gateFor(env, dealId).figures()).active).toBe(1);

    // Polling during the session hands out the same end, never a later one.
    await sleep(1_100);
    const again = (await (await poll(dealId, ticket, shopper)).json()) as QueueBody;
    expect(again.status).toBe("admitted");
    expect(again.admission_expires_at).toBe(admitted.admission_expires_at);
    expect((await readAdmission(SECRET, again.admission_token ?? ""))?.exp).toBe(endsAt);

    await sleep(endsAt - Date.now() + 1_100);
    expect((await gateFor(env, dealId).figures()).active).toBe(0);
    const after = (await (await poll(dealId, ticket, shopper)).json()) as QueueBody;
    expect(after).toMatchObject({ status: "expired", position: null });
    expect(after.admission_token).toBeUndefined();
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { LAST_STATE_SERVED_MS, UNAVAILABLE_RETRY_AFTER_S } from "../../workers/deals/edge-state";
import { gateFor } from "../../workers/deals/gate-client";
import { answerQueuePoll, queuePollIn } from "../../workers/deals/hot-poll";
import { createTestUser } from "../helpers/accounts";
import { headersOf, viaApp, viaEdge, viaWorker } from "../helpers/edge";
import { ORIGIN, api } from "../helpers/http";
import { createDealViaApi, dealSetup, gateOutage } from "./helpers";

async function joined(): Promise<{ dealId: string; ticket: string }> {
  const dealId = await createDealViaApi(await dealSetup(20), { units: 5 });
  const cookie = ((await api("/api/cart")).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const res = await api(`/api/deals/${dealId}/queue`, { method: "POST", headers: { cookie } });
  expect(res.status).toBe(200);
  return { dealId, ticket: ((await res.json()) as { ticket: string }).ticket };
}

const pollRequest = (dealId: string, headers: Record<string, string>, init: RequestInit = {}) =>
  new Request(`${ORIGIN}/api/deals/${dealId}/queue`, { headers, ...init });

const viaEdgePoll = (request: Request) => viaEdge(request, queuePollIn, answerQueuePoll);

/**
 * A shopper in the pre-queue of a deal whose gate can be taken down, who has polled once while
 * it was up. The deal opens in two minutes, so every answer until then is the same.
 */
async function waitingBehindSwitchedGate() {
  const outage = gateOutage();
  const dealId = await createDealViaApi(await dealSetup(20), { units: 5, starts_at: new Date(Date.now() + 120_000).toISOString() });
  const join = await viaWorker(new Request(`${ORIGIN}/api/deals/${dealId}/queue`, { method: "POST" }), outage.env);
  expect(join.res.status).toBe(200);
  const { ticket } = (await join.res.json()) as { ticket: string };
  await join.settled;
  const poll = async () => (await viaWorker(pollRequest(dealId, { "x-waiting-room-ticket": ticket }), outage.env)).res;
  const first = await poll();
  expect(first.status).toBe(200);
  return { outage, poll, dealId, answer: await first.json() };
}

describe("waiting-room polls answered before the router", () => {
  it("answers exactly as the app does: the same status, headers and place in line", async () => {
    const { dealId, ticket } = await joined();
    const headers = { "x-waiting-room-ticket": ticket };
    // The first answer may have had to ask the gate; the herd's answers come from the cached state.
    // An isolate's first edge attempt only learns the front door's headers.
    await viaApp(pollRequest(dealId, headers));
    await viaEdgePoll(pollRequest(dealId, headers));
    await new Promise((r) => setTimeout(r, 10));
    const edge = await viaEdgePoll(pollRequest(dealId, headers));
    const slow = await viaApp(pollRequest(dealId, headers));
    expect(edge?.status).toBe(200);
    expect(headersOf(edge as Response)).toEqual(headersOf(slow));
    const { eta_seconds: _e1, ...a } = (await (edge as Response).json()) as Record<string, unknown>;
    const { eta_seconds: _e2, ...b } = (await slow.json()) as Record<string, unknown>;
    expect(a).toEqual(b);
    expect(a.ticket).toBe(ticket);
  });

  it("leaves refusals and everything unusual to the app", async () => {
    const { dealId, ticket } = await joined();
    const [body, sig] = ticket.split(".");
    const altered = `${body}.${sig?.slice(0, -2)}xx`;
    expect(await viaEdgePoll(pollRequest(dealId, { "x-waiting-room-ticket": altered }))).toBeNull();
    expect((await api(`/api/deals/${dealId}/queue`, { headers: { "x-waiting-room-ticket": altered } })).status).toBe(401);
    expect(await viaEdgePoll(pollRequest("x".repeat(65), { "x-waiting-room-ticket": ticket }))).toBeNull();
    expect(await viaEdgePoll(new Request(`${ORIGIN}/api/deals/${dealId}/queue?ticket=${encodeURIComponent(ticket)}`))).toBeNull();
    expect(await viaEdgePoll(pollRequest(dealId, { "x-waiting-room-ticket": ticket }, { method: "POST" }))).toBeNull();
    const user = await createTestUser();
    expect(await viaEdgePoll(pollRequest(dealId, { ...user.headers, "x-waiting-room-ticket": ticket }))).toBeNull();
    // A ticket header longer than the query parameter takes is refused as that parameter would be.
    const overlong = "t".repeat(1025);
    expect(await viaEdgePoll(pollRequest(dealId, { "x-waiting-room-ticket": overlong }))).toBeNull();
    for (const refused of [
      await api(`/api/deals/${dealId}/queue`, { headers: { "x-waiting-room-ticket": overlong } }),
      await api(`/api/deals/${dealId}/queue?ticket=${overlong}`),
    ]) {
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe("At most 1,024 characters");
    }
    // The query form still works, through the app.
    expect((await api(`/api/deals/${dealId}/queue?ticket=${encodeURIComponent(ticket)}`)).status).toBe(200);
  });

  it("keeps answering from the last state while the gate is down, asking it about once a second", async () => {
    const { outage, poll, answer } = await waitingBehindSwitchedGate();
    outage.down = true;
    const before = outage.syncs;
    const answers: Response[] = [];
    const started = Date.now();
    while (Date.now() - started < 2_500) {
      answers.push(...(await Promise.all([poll(), poll(), poll(), poll()])));
      await scheduler.wait(100);
    }
    expect(answers.length).toBeGreaterThan(60);
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(answer);
    }
    expect(answers.at(-1)?.headers.get("x-deal-state")).toBe("stale");
    // The last good state was fetched just before the outage; it is refreshed after a second,
    // and a failed refresh is tried again no sooner than a second later.
    expect(outage.syncs - before).toBeLessThanOrEqual(3);
  });

  it("answers from another isolate's cached state, not 503, when its own is too old and its refresh fails", async () => {
    const { outage, poll, dealId } = await waitingBehindSwitchedGate();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + LAST_STATE_SERVED_MS + 1_000);
      // This isolate's refresh fails while its own state is too old: nothing to answer from yet.
      outage.down = true;
      expect((await poll()).status).toBe(503);
      // Meanwhile the gate answers another isolate, which leaves a fresh state in the location's cache.
      const fresh = await gateFor(env, dealId).sync({ preJoins: 0, joins: [] });
      await caches.default.put(
        new Request(`https://deal-state.internal/v1/${encodeURIComponent(dealId)}`),
        Response.json({ ...fresh, at: Date.now() }, { headers: { "cache-control": "max-age=2" } }),
      );
      // Within this isolate's second of leaving the gate alone, shoppers get that state, not a 503.
      const res = await poll();
      expect(res.status).toBe(200);
      expect(res.headers.get("x-deal-state")).toBe("cache");
    } finally {
      vi.useRealTimers();
    }
  });

  it("answers 503 with Retry-After once the last state is too old, and leaves the gate alone meanwhile", async () => {
    const { outage, poll } = await waitingBehindSwitchedGate();
    outage.down = true;
    const before = outage.syncs;
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + LAST_STATE_SERVED_MS + 1_000);
      for (const res of [await poll(), await poll()]) {
        expect(res.status).toBe(503);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect(res.headers.get("retry-after")).toBe(String(UNAVAILABLE_RETRY_AFTER_S));
        expect(((await res.json()) as { type: string }).type).toBe("/problems/deal-state-unavailable");
      }
      // One refresh failed; neither the app's second look at the first poll nor the next poll asked again.
      expect(outage.syncs - before).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

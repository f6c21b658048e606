import { describe, expect, it } from "vitest";
import { answerQueueJoin, queueJoinIn } from "../../workers/deals/hot-join";
import { createTestUser } from "../helpers/accounts";
import { headersOf, viaApp, viaEdge, viaWorker } from "../helpers/edge";
import { ORIGIN, api } from "../helpers/http";
import { createDealViaApi, dealSetup, gateOutage } from "./helpers";

const joinRequest = (dealId: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  new Request(`${ORIGIN}/api/deals/${dealId}/queue`, { method: "POST", headers, ...init });

const viaEdgeJoin = (request: Request) => viaEdge(request, queueJoinIn, answerQueueJoin);

/** An edge answer, once this isolate knows the front door's headers (its first attempt only learns them). */
async function edgeJoin(dealId: string, headers: Record<string, string> = {}): Promise<Response> {
  for (let i = 0; i < 20; i++) {
    const res = await viaEdgeJoin(joinRequest(dealId, headers));
    if (res) return res;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("the edge never answered the join");
}

describe("waiting-room joins answered before the router", () => {
  it("answers a returning guest exactly as the app does: the same headers, and the ticket they hold", async () => {
    const dealId = await createDealViaApi(await dealSetup(20), { units: 5 });
    const first = await api(`/api/deals/${dealId}/queue`, { method: "POST" });
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { ticket } = (await first.json()) as { ticket: string };
    const headers = { cookie, "x-waiting-room-ticket": ticket };
    const edge = await edgeJoin(dealId, headers);
    const slow = await viaApp(joinRequest(dealId, headers));
    expect(edge.status).toBe(200);
    expect(headersOf(edge)).toEqual(headersOf(slow));
    expect(edge.headers.get("set-cookie")).toBeNull();
    const { eta_seconds: _e1, ...a } = (await edge.json()) as Record<string, unknown>;
    const { eta_seconds: _e2, ...b } = (await slow.json()) as Record<string, unknown>;
    expect(a).toEqual(b);
    expect(a.ticket).toBe(ticket);
  });

  it("gives a first-time visitor a guest cookie the app accepts as the ticket's shopper", async () => {
    const dealId = await createDealViaApi(await dealSetup(20), { units: 5 });
    // The first join may have had to ask the gate; the herd's come from the cached deal state.
    await viaApp(joinRequest(dealId));
    const edge = await edgeJoin(dealId);
    const slow = await viaApp(joinRequest(dealId));
    expect(headersOf(edge)).toEqual(headersOf(slow));
    const setCookie = edge.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^__Host-guest=gst_[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const { ticket } = (await edge.json()) as { ticket: string };
    // The app, given that cookie and ticket, recognises the same shopper and returns the ticket unchanged.
    const again = await api(`/api/deals/${dealId}/queue`, {
      method: "POST",
      headers: { cookie: setCookie.split(";")[0] ?? "", "x-waiting-room-ticket": ticket },
    });
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(((await again.json()) as { ticket: string }).ticket).toBe(ticket);
  });

  it("leaves refusals and everything unusual to the app", async () => {
    const dealId = await createDealViaApi(await dealSetup(20), { units: 5 });
    await edgeJoin(dealId);
    // Cross-site: the app's CSRF check refuses it.
    expect(await viaEdgeJoin(joinRequest(dealId, { "sec-fetch-site": "cross-site" }))).toBeNull();
    expect((await viaApp(joinRequest(dealId, { "sec-fetch-site": "cross-site" }))).status).toBe(403);
    expect(await viaEdgeJoin(joinRequest(dealId, { origin: "https://evil.test" }))).toBeNull();
    // A body, a query string, an unknown deal, a malformed id, a signed-in shopper: the app's.
    expect(await viaEdgeJoin(joinRequest(dealId, { "content-type": "application/json" }, { body: "{}" }))).toBeNull();
    expect(await viaEdgeJoin(new Request(`${ORIGIN}/api/deals/${dealId}/queue?ticket=x`, { method: "POST" }))).toBeNull();
    expect(await viaEdgeJoin(joinRequest("deal_does_not_exist"))).toBeNull();
    expect((await viaApp(joinRequest("deal_does_not_exist"))).status).toBe(404);
    expect(await viaEdgeJoin(joinRequest("x".repeat(65)))).toBeNull();
    const user = await createTestUser();
    expect(await viaEdgeJoin(joinRequest(dealId, user.headers))).toBeNull();
    // A ticket header the router refuses is refused there, not swapped here for a new ticket.
    const overlong = { "x-waiting-room-ticket": "t".repeat(1025) };
    expect(await viaEdgeJoin(joinRequest(dealId, overlong))).toBeNull();
    const refused = await viaApp(joinRequest(dealId, overlong));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: unknown }).errors).toEqual([
      { path: "x-waiting-room-ticket", message: "At most 1,024 characters" },
    ]);
  });

  it("takes joins while the gate is down, and they are in the line once it is back", async () => {
    const setup = await dealSetup(20);
    // Before the start every join waits in the pre-queue, so the line's length is the joins counted.
    const dealId = await createDealViaApi(setup, { units: 5, starts_at: new Date(Date.now() + 120_000).toISOString() });
    const outage = gateOutage();
    const first = await viaWorker(joinRequest(dealId), outage.env);
    expect(first.res.status).toBe(200);
    await first.settled;

    outage.down = true;
    const before = outage.syncs;
    // Past the second the state is fresh for, so these joins find it due for a refresh that fails.
    await scheduler.wait(1_100);
    const during = await Promise.all([1, 2, 3, 4, 5].map(() => viaWorker(joinRequest(dealId), outage.env)));
    for (const { res } of during) {
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe("waiting");
    }
    await scheduler.wait(1_500);
    // The joins shared one failed refresh, and their report was tried again a second later.
    expect(outage.syncs - before).toBeLessThanOrEqual(3);
    outage.down = false;
    // No other request arrives: the joins' own reports must get through once the gate answers.
    await Promise.all(during.map((j) => j.settled));

    const figures = await api(`/api/admin/deals/${dealId}`, { headers: setup.manager.headers });
    expect(((await figures.json()) as { figures: { waiting: number } }).figures.waiting).toBe(6);
  });
});

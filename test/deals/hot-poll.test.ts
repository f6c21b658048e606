import { describe, expect, it } from "vitest";
import { answerQueuePoll, queuePollIn } from "../../workers/deals/hot-poll";
import { createTestUser } from "../helpers/accounts";
import { headersOf, viaApp, viaEdge } from "../helpers/edge";
import { ORIGIN, api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "./helpers";

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
    // The query form still works, through the app.
    expect((await api(`/api/deals/${dealId}/queue?ticket=${encodeURIComponent(ticket)}`)).status).toBe(200);
  });
});

import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../workers/app";
import { answerQueuePoll, queuePollIn } from "../../workers/deals/hot-poll";
import { requestPath } from "../../workers/platform/request-path";
import { createTestUser } from "../helpers/accounts";
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

async function viaEdge(request: Request): Promise<Response | null> {
  const poll = queuePollIn(request, requestPath(request.url), env);
  if (!poll) return null;
  const ctx = createExecutionContext();
  const res = await answerQueuePoll(request, poll, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function viaApp(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** Headers but the per-request id and the isolate's running gate-call count, sorted. */
function headersOf(res: Response): [string, string][] {
  return [...res.headers]
    .filter(([name]) => name !== "x-request-id" && name !== "x-deal-gate-calls")
    .sort(([a], [b]) => a.localeCompare(b));
}

describe("waiting-room polls answered before the router", () => {
  it("answers exactly as the app does: the same status, headers and place in line", async () => {
    const { dealId, ticket } = await joined();
    const headers = { "x-waiting-room-ticket": ticket };
    // The first answer may have had to ask the gate; the herd's answers come from the cached state.
    // An isolate's first edge attempt only learns the front door's headers.
    await viaApp(pollRequest(dealId, headers));
    await viaEdge(pollRequest(dealId, headers));
    await new Promise((r) => setTimeout(r, 10));
    const edge = await viaEdge(pollRequest(dealId, headers));
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
    expect(await viaEdge(pollRequest(dealId, { "x-waiting-room-ticket": altered }))).toBeNull();
    expect((await api(`/api/deals/${dealId}/queue`, { headers: { "x-waiting-room-ticket": altered } })).status).toBe(401);
    expect(await viaEdge(pollRequest("x".repeat(65), { "x-waiting-room-ticket": ticket }))).toBeNull();
    expect(await viaEdge(new Request(`${ORIGIN}/api/deals/${dealId}/queue?ticket=${encodeURIComponent(ticket)}`))).toBeNull();
    expect(await viaEdge(pollRequest(dealId, { "x-waiting-room-ticket": ticket }, { method: "POST" }))).toBeNull();
    const user = await createTestUser();
    expect(await viaEdge(pollRequest(dealId, { ...user.headers, "x-waiting-room-ticket": ticket }))).toBeNull();
    // The query form still works, through the app.
    expect((await api(`/api/deals/${dealId}/queue?ticket=${encodeURIComponent(ticket)}`)).status).toBe(200);
  });
});

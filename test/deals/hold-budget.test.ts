import { describe, expect, it } from "vitest";
import { RATE_POLICIES } from "../../workers/platform/rate-limit";
import { env } from "cloudflare:workers";
import { gateFor } from "../../workers/deals/gate-client";
import { HELD_ANSWER_MS } from "../../workers/deals/hold-memo";
import { randomIp } from "../accounts/browser";
import { api } from "../helpers/http";
import { inOneRateWindow, untilBrowseRefused } from "../helpers/rate-window";
import { createDealViaApi, dealSetup } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A guest browser behind `ip`, admitted to `dealId`; its cookie and admission token. */
async function admittedGuest(dealId: string, ip: string) {
  const cart = await api("/api/cart", { headers: { "cf-connecting-ip": ip } });
  const cookie = (cart.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const headers = { cookie, "cf-connecting-ip": ip };
  const joined = (await (await api(`/api/deals/${dealId}/queue`, { method: "POST", headers })).json()) as { ticket: string };
  for (let i = 0; i < 40; i++) {
    const res = await api(`/api/deals/${dealId}/queue`, { headers: { ...headers, "x-waiting-room-ticket": joined.ticket } });
    const body = (await res.json()) as { status: string; admission_token?: string };
    if (body.admission_token) return { headers, token: body.admission_token };
    await sleep(250);
  }
  throw new Error("never admitted");
}

describe("deal holds and the rate limit", () => {
  it("lets an admitted shopper hold from an address whose browse budget is spent, and charges only asking again", async () => {
    const dealId = await createDealViaApi(await dealSetup(10), {
      units: 5,
      starts_at: new Date(Date.now() + 300).toISOString(),
      waiting_room: { active_users: 1000, new_users_per_minute: 6000, session_minutes: 10 },
    });
    await sleep(400);
    // One carrier address in front of many phones: one shopper's turn comes while the others
    // have spent the address's browse budget.
    const ip = randomIp();
    const shopper = await admittedGuest(dealId, ip);
    await inOneRateWindow(RATE_POLICIES.browse.period);
    await untilBrowseRefused(ip, RATE_POLICIES.browse.limit, () => api("/api/no-such-thing", { headers: { "cf-connecting-ip": ip } }));

    const hold = () => api(`/api/deals/${dealId}/hold`, { body: { admission_token: shopper.token, qty: 1 }, headers: shopper.headers });
    const first = await hold();
    expect(first.status).toBe(201);
    // The gate's answer says how long the gate took (Server-Timing); a remembered one asked it nothing.
    expect(first.headers.get("server-timing")).toMatch(/^gate;dur=\d+(\.\d)?$/);
    const { reservation_id } = (await first.json()) as { reservation_id: string };
    // A double tap gets the same hold, answered without asking the deal's gate again.
    const tapAgain = await hold();
    expect(tapAgain.status).toBe(201);
    expect(tapAgain.headers.get("x-deal-hold")).toBe("memory");
    expect(tapAgain.headers.get("server-timing")).toBeNull();
    expect(((await tapAgain.json()) as { reservation_id: string }).reservation_id).toBe(reservation_id);
    // Asking the gate again costs origin work, and the address has no budget left for it.
    await sleep(HELD_ANSWER_MS + 100);
    const asked = await hold();
    expect(asked.status).toBe(429);
    expect(asked.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lets a shopper told every unit is held try again from a spent address, answering a retry within a second from memory", async () => {
    const dealId = await createDealViaApi(await dealSetup(10), {
      units: 1,
      starts_at: new Date(Date.now() + 300).toISOString(),
      waiting_room: { active_users: 1000, new_users_per_minute: 6000, session_minutes: 10 },
    });
    await sleep(400);
    const alice = await admittedGuest(dealId, randomIp());
    const ip = randomIp();
    const bob = await admittedGuest(dealId, ip);
    const hold = (who: { headers: Record<string, string>; token: string }) =>
      api(`/api/deals/${dealId}/hold`, { body: { admission_token: who.token, qty: 1 }, headers: who.headers });
    const alices = await hold(alice);
    expect(alices.status).toBe(201);
    await inOneRateWindow(RATE_POLICIES.browse.period);
    await untilBrowseRefused(ip, RATE_POLICIES.browse.limit, () => api("/api/no-such-thing", { headers: { "cf-connecting-ip": ip } }));

    const refused = await hold(bob);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { reason: string }).reason).toBe("all_held");
    expect(refused.headers.get("server-timing")).toMatch(/^gate;dur=\d+(\.\d)?$/);
    // Tapping again at once hears the same answer, without the deal's gate being asked.
    const tapped = await hold(bob);
    expect(tapped.status).toBe(409);
    expect(tapped.headers.get("x-deal-hold")).toBe("memory");
    expect(tapped.headers.get("retry-after")).toBe("5");
    expect(tapped.headers.get("server-timing")).toBeNull();

    // Alice's payment fails; Bob tries again as told, and his spent address does not stop him.
    const { reservation_id } = (await alices.json()) as { reservation_id: string };
    expect(await gateFor(env, dealId).release(reservation_id, "payment declined")).toBe("done");
    await sleep(HELD_ANSWER_MS + 100);
    expect((await hold(bob)).status).toBe(201);
  });
});

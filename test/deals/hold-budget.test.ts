import { describe, expect, it } from "vitest";
import { RATE_POLICIES } from "../../workers/platform/rate-limit";
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
    const { reservation_id } = (await first.json()) as { reservation_id: string };
    // A double tap gets the same hold, answered without asking the deal's gate again.
    const tapAgain = await hold();
    expect(tapAgain.status).toBe(201);
    expect(tapAgain.headers.get("x-deal-hold")).toBe("memory");
    expect(((await tapAgain.json()) as { reservation_id: string }).reservation_id).toBe(reservation_id);
    // Asking the gate again costs origin work, and the address has no budget left for it.
    await sleep(HELD_ANSWER_MS + 100);
    const asked = await hold();
    expect(asked.status).toBe(429);
    expect(asked.headers.get("content-type")).toBe("application/problem+json");
  });
});

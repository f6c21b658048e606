import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDeal } from "../../workers/deals/create-deal";
import { CreateDealBody } from "../../workers/deals/schemas";
import { consolePost } from "../helpers/forms";
import { api } from "../helpers/http";
import { inventoryRows } from "../helpers/inventory";
import { consoleDealRow } from "../pages/deals-console-table";
import { type DealSetup, dealBody, dealSetup, gateDownEnv } from "./helpers";

interface Problem {
  type: string;
  status: number;
  detail: string;
  deal_status?: string;
}

/** A deal of 8 units whose gate could not be set up: created in D1, units out of the ledger, the creation failed. */
async function failedSetup(s: DealSetup, key: string) {
  const input = CreateDealBody.parse(dealBody(s, { units: 8 }));
  await expect(createDeal(gateDownEnv(), input, key, s.manager.id)).rejects.toThrow("gate unavailable");
  const row = await env.DB.prepare("SELECT id, status, setup_failed_at FROM deals WHERE idempotency_key = ?")
    .bind(key)
    .first<{ id: string; status: string; setup_failed_at: string | null }>();
  expect(row).toMatchObject({ status: "setting_up", setup_failed_at: expect.any(String) });
  return { id: row?.id ?? "", input };
}

/** The deal as the admin list shows it. */
async function listed(s: DealSetup, id: string) {
  const page = (await (await api("/api/admin/deals?limit=100", { headers: s.manager.headers })).json()) as {
    items: { id: string; status: string }[];
  };
  return page.items.find((d) => d.id === id);
}

/** The status the deals console's table gives a deal. */
async function consoleStatus(s: DealSetup, id: string): Promise<string | undefined> {
  const page = await (await api("/deals-console", { headers: s.manager.headers })).text();
  return consoleDealRow(page, id)?.cells.Status;
}

describe("a deal whose setup failed", () => {
  it("is listed as a failed setup, its figures are a clear problem, and a retry with its key still finishes it", async () => {
    const s = await dealSetup(20);
    const { id, input } = await failedSetup(s, "failed-setup-list-1234");

    expect((await listed(s, id))?.status).toBe("setup_failed");
    expect(await consoleStatus(s, id)).toBe("Setup failed");

    const figures = await api(`/api/admin/deals/${id}`, { headers: s.manager.headers });
    expect(figures.status).toBe(409);
    expect(figures.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await figures.json()) as Problem;
    expect(problem).toMatchObject({ type: "/problems/deal-not-set-up", status: 409, deal_status: "setup_failed" });
    expect(problem.detail).toMatch(
      /^This deal's setup failed, so it cannot open or sell: creating it again with the same Idempotency-Key before /,
    );
    expect(problem.detail).toContain("its 8 units go back to stock");

    // The dashboard says so in words, with the API's status, instead of failing.
    const board = await api(`/deals-console/${id}`, { headers: s.manager.headers });
    expect(board.status).toBe(409);
    const page = await board.text();
    expect(page).toContain("This deal&#39;s setup failed, so it cannot open or sell");
    expect(page).toMatch(/data-figure="status">Setup failed</);
    const paused = await api(`/api/admin/deals/${id}/pause`, { method: "POST", headers: s.manager.headers });
    expect(((await paused.json()) as Problem).detail).toBe("This deal could not be set up, so it cannot be paused.");

    // The gate is back: the same request finishes the setup, and the deal is an ordinary one again.
    const retried = await api("/api/admin/deals", {
      body: input,
      headers: { ...s.manager.headers, "idempotency-key": "failed-setup-list-1234" },
    });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    expect(((await retried.json()) as { status: string }).status).toBe("scheduled");
    expect((await listed(s, id))?.status).not.toBe("setup_failed");
    // It opens a moment after it was first asked for, so by now it may be open.
    expect(["Upcoming", "Live"]).toContain(await consoleStatus(s, id));
    const after = await api(`/api/admin/deals/${id}`, { headers: s.manager.headers });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { figures: object }).figures).toMatchObject({ remaining: 8, sold: 0 });
    const row = await env.DB.prepare("SELECT setup_failed_at FROM deals WHERE id = ?").bind(id).first<{ setup_failed_at: string | null }>();
    expect(row?.setup_failed_at).toBeNull();
  });

  it("can be ended from its dashboard at once, giving its units back", async () => {
    const s = await dealSetup(20);
    const { id } = await failedSetup(s, "failed-setup-end-1234");
    expect((await inventoryRows(s.fixture.listingId))[0]).toMatchObject({ available: 12, allocated: 8 });

    expect((await consolePost(`/deals-console/${id}/end`, {}, s.manager.headers)).status).toBe(303);
    expect((await inventoryRows(s.fixture.listingId))[0]).toMatchObject({ available: 20, allocated: 0 });
    expect((await listed(s, id))?.status).toBe("ended");
    const board = await api(`/deals-console/${id}`, { headers: s.manager.headers });
    expect(board.status).toBe(200);
    const page = await board.text();
    expect(page).toMatch(/data-figure="status">Ended</);
    expect(page).toMatch(/data-figure="returned">8</);
  });

  it("still being set up, with no failure recorded, is shown as setting up and its figures as a clear problem", async () => {
    const s = await dealSetup(20);
    const { id } = await failedSetup(s, "setting-up-1234");
    // As a creation in flight (or one whose failure could not be recorded) leaves it.
    await env.DB.prepare("UPDATE deals SET setup_failed_at = NULL WHERE id = ?").bind(id).run();

    expect((await listed(s, id))?.status).toBe("setting_up");
    expect(await consoleStatus(s, id)).toBe("Setting up");
    const figures = await api(`/api/admin/deals/${id}`, { headers: s.manager.headers });
    expect(figures.status).toBe(409);
    const problem = (await figures.json()) as Problem;
    expect(problem).toMatchObject({ type: "/problems/deal-not-set-up", deal_status: "setting_up" });
    expect(problem.detail).toMatch(/^This deal is still being set up, so it has no figures yet\. If its creation failed, /);
  });
});

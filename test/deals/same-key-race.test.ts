import { env } from "cloudflare:workers";
import { istDateTime } from "../../workers/platform/time";
import { describe, expect, it } from "vitest";
import { type CreatedDeal, createDeal } from "../../workers/deals/create-deal";
import { CreateDealBody } from "../../workers/deals/schemas";
import { envInterposingFirstRead, envInterposingRead } from "../helpers/d1-interpose";
import { type DealSetup, dealBody, dealSetup } from "./helpers";

/** The app's env whose D1 runs `meanwhile` once, just before the deal creation reads its candidate warehouses. */
function envInterposingCandidates(meanwhile: () => Promise<unknown>): Env {
  return envInterposingRead((q) => q.includes("FROM inventory WHERE sku_id = ? AND available >= ?"), "all", "before", meanwhile);
}

async function dealsAndStock(s: DealSetup) {
  const deals = await env.DB.prepare("SELECT COUNT(*) AS n FROM deals WHERE listing_id = ?").bind(s.fixture.listingId).first<number>("n");
  const stock = await env.DB.prepare("SELECT available, allocated FROM inventory WHERE sku_id = ?").bind(s.fixture.listingId).first();
  return { deals, stock };
}

describe("a deal creation racing another with the same Idempotency-Key", () => {
  it("is answered with the deal the first made, not refused as overlapping it, when the first lands before the overlap check", async () => {
    const s = await dealSetup(50);
    const key = "double-submit-1234";
    const input = CreateDealBody.parse(dealBody(s, { units: 10 }));
    let first: CreatedDeal | undefined;
    // The second submit reads "no deal for this key" just before the first records its deal.
    const racing = envInterposingFirstRead(
      (q) => q.includes("AND idempotency_key = ?"),
      "after",
      async () => {
        first = await createDeal(env, input, key, s.manager.id);
      },
    );
    const second = await createDeal(racing, input, key, s.manager.id);
    expect(first?.replayed).toBe(false);
    expect(second).toMatchObject({ replayed: true, deal: { id: first?.deal.id, status: "scheduled" } });
    expect(await dealsAndStock(s)).toMatchObject({ deals: 1, stock: { available: 40, allocated: 10 } });
  });

  it("is answered with the deal the first made when the first records it between the overlap check and the insert", async () => {
    const s = await dealSetup(50);
    const key = "retry-while-running-1234";
    const input = CreateDealBody.parse(dealBody(s, { units: 10 }));
    let first: CreatedDeal | undefined;
    const racing = envInterposingCandidates(async () => {
      first = await createDeal(env, input, key, s.manager.id);
    });
    const second = await createDeal(racing, input, key, s.manager.id);
    expect(first?.replayed).toBe(false);
    expect(second).toMatchObject({ replayed: true, deal: { id: first?.deal.id, status: "scheduled" } });
    expect(await dealsAndStock(s)).toMatchObject({ deals: 1, stock: { available: 40, allocated: 10 } });
  });

  it("still refuses a different deal for the window under another key", async () => {
    const s = await dealSetup(50);
    const input = CreateDealBody.parse(dealBody(s, { units: 10 }));
    const first = await createDeal(env, input, "window-owner-1234", s.manager.id);
    // It names the deal in the way and the window it keeps, to move this one clear of.
    const window = `${istDateTime(first.deal.startsAt)} to ${istDateTime(first.deal.endsAt)} IST`;
    await expect(createDeal(env, input, "someone-else-1234", s.manager.id)).rejects.toThrow(
      `Deal ${first.deal.id} (${window}) already covers this listing in that window.`,
    );
    expect(await dealsAndStock(s)).toMatchObject({ deals: 1, stock: { available: 40, allocated: 10 } });
  });
});

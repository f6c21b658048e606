import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { gateFor } from "../../workers/deals/gate-client";
import { paidDealOrder } from "../checkout/deal-support";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { api, readerText } from "../helpers/http";

/** The dashboard's results section as a reader reads it; empty when the page has none. */
async function resultsPanel(id: string, headers: Record<string, string>): Promise<{ html: string; text: string }> {
  const page = await (await api(`/deals-console/${id}`, { headers })).text();
  const html = /<section[^>]*data-deal-results[^>]*>[\s\S]*?<\/section>/.exec(page)?.[0] ?? "";
  return { html, text: readerText(html) };
}

describe("the deal dashboard's results", () => {
  it("show a live deal's sales so far, then the final results once it has ended", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s, { units: 5, per_user_limit: 1, starts_at: new Date(Date.now() + 300).toISOString() });
    await scheduler.wait(400);
    await paidDealOrder(s.fixture.listingId, id);

    const live = await resultsPanel(id, s.manager.headers);
    expect(live.html).toContain('data-deal-results="so-far"');
    expect(live.text).toContain("Results so far");
    expect(live.text).toContain("1 unit of 5 sold so far");
    expect(live.text).toContain("1 unit net");
    expect(live.text).toContain("₹999 at deal price");
    // ₹999 on the ₹1,299 listing.
    expect(live.text).toContain("₹300 given away below the listing's price");
    expect(live.text).toContain("Ended Still running");
    // Its times name their zone, as the terms above them do.
    expect(live.text).toMatch(
      /Opened \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2} [ap]m IST First sale \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2} [ap]m IST/,
    );
    expect(live.text).toMatch(/Best minute 1 unit from \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2} [ap]m IST/);
    expect(live.html).toContain("<caption>Units sold in each minute after opening</caption>");
    expect(live.html).toMatch(/<th scope="row">1<\/th><td>1<\/td>/);

    await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: s.manager.headers });
    // Final once the sale has reached the ledger from the gate's journal, which ships within a second or so.
    let ended = await resultsPanel(id, s.manager.headers);
    for (let i = 0; i < 100 && !ended.html.includes('data-deal-results="final"'); i++) {
      await scheduler.wait(50);
      ended = await resultsPanel(id, s.manager.headers);
    }
    expect(ended.html).toContain('data-deal-results="final"');
    expect(ended.text).toContain("Results ");
    expect(ended.text).not.toContain("so far");
    expect(ended.text).toContain("Did not sell out: 4 units went back to stock");
    expect(ended.text).toContain("Went back to stock unsold 4");
  });

  it("say how fast a deal sold out", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s, { units: 1, per_user_limit: 1, starts_at: new Date(Date.now() + 300).toISOString() });
    await scheduler.wait(400);
    await paidDealOrder(s.fixture.listingId, id);
    const { text } = await resultsPanel(id, s.manager.headers);
    expect(text).toMatch(/Sold out in \d+ s/);
    expect(text).toMatch(/Time to sell out \d+ s/);
  });

  it("say how big the waiting room's line was, in Indian digit groups, as do the live figures", async () => {
    const s = await dealSetup(20);
    const startsAt = Date.now() + 300;
    const id = await createDealViaApi(s, { units: 5, per_user_limit: 1, starts_at: new Date(startsAt).toISOString() });
    await scheduler.wait(400);
    // A sale-day line, as the edge isolates report it to the gate: 84,000 joins before the opening
    // and 36,345 more in the second after it.
    await gateFor(env, id).sync({ preJoins: 84_000, joins: [[Math.floor(startsAt / 1000) + 1, 36_345]] });
    const { text } = await resultsPanel(id, s.manager.headers);
    expect(text).toContain("Joined the waiting room 1,20,345 (84,000 before it opened)");
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    expect(page).toMatch(/<dt>Joined the waiting room<\/dt><dd data-figure="joined">120345</);
    expect(page).toMatch(/<dt>Joined before it opened<\/dt><dd data-figure="joined_before_open">84000</);
  });

  it("are not shown before the deal opens", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s, {
      starts_at: new Date(Date.now() + 3_600_000).toISOString(),
      ends_at: new Date(Date.now() + 7_200_000).toISOString(),
    });
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    expect(page).toContain("data-deal-dashboard");
    expect(page).not.toContain("data-deal-results");
  });
});

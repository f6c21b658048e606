import { describe, expect, it } from "vitest";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { when } from "../../workers/pages/format";
import { api } from "../helpers/http";

/** The dashboard's terms section, and what it states under `term`. */
function terms(page: string) {
  const section = /<section[^>]*data-deal-terms[^>]*>[\s\S]*?<\/section>/.exec(page)?.[0] ?? "";
  const term = (name: string) => new RegExp(`<dt>${name}</dt><dd>([^<]*)</dd>`).exec(section)?.[1] ?? null;
  return { section, term };
}

describe("the deal dashboard's terms", () => {
  it("state the deal's price against the listing's, its window in IST, the limit, the waiting room and whose listing it is", async () => {
    const s = await dealSetup(50);
    // 10:00 am to 3:30 pm IST, on a day some two months ahead (a deal may open at most a year ahead).
    const day = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    // "15 Jan 2030": the day, the month's short name and the year of that day.
    const label = `${Number(day.slice(8, 10))} [A-Z][a-z]{2,3} ${day.slice(0, 4)}`;
    const id = await createDealViaApi(s, {
      deal_price: 99900,
      starts_at: `${day}T04:30:00Z`,
      ends_at: `${day}T10:00:00Z`,
      per_user_limit: 2,
      hold_seconds: 300,
      waiting_room: { active_users: 1500, new_users_per_minute: 6000, session_minutes: 15 },
    });
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    const { section, term } = terms(page);
    // The listing sells at ₹1,299 against an MRP of ₹1,499, so the deal is 33% off MRP.
    expect(section).toContain("<strong>₹999</strong>");
    expect(section).toContain("<s>₹1,499</s>");
    expect(section).toContain("33% off");
    expect(term("Listing&#39;s own price")).toBe("₹1,299");
    expect(term("Opens")).toMatch(new RegExp(`^${label}, 10:00 am IST$`));
    expect(term("Ends")).toMatch(new RegExp(`^${label}, 3:30 pm IST$`));
    // The countdown runs to the opening, then (app.js changing it over) to the end.
    expect(section).toMatch(
      new RegExp(
        `<span data-live-text="Ends in" data-ticking-text="Opens in">Opens</span> <time datetime="${day}T04:30:00.000Z"[^>]*data-live-to="${day}T10:00:00.000Z"`,
      ),
    );
    expect(section).toContain('data-deal-phase="upcoming"');
    expect(term("Limit per shopper")).toBe("2 units");
    expect(term("Shoppers shopping at once")).toBe("1,500");
    expect(term("New shoppers let in per minute")).toBe("6,000");
    expect(term("Time an admitted shopper has to buy")).toBe("15 minutes");
    expect(term("A unit held on the deal page waits")).toBe("5 minutes");
    expect(term("Seller")).toBe("Test Seller");
    expect(term("Listing id")).toBe(s.fixture.listingId);
    // The terms come before the live figures.
    expect(page.indexOf("data-deal-terms")).toBeLessThan(page.indexOf("data-deal-dashboard"));
  });

  it("count down to the end of an open deal, and to nothing once it has ended", async () => {
    const s = await dealSetup(50);
    const id = await createDealViaApi(s, { starts_at: new Date(Date.now() + 200).toISOString() });
    await new Promise((r) => setTimeout(r, 250));
    const live = terms(await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text()).section;
    expect(live).toMatch(/<span data-ticking-text="Ends in">Ends<\/span> <time/);
    expect(live).toContain('data-deal-phase="live"');

    await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: s.manager.headers });
    const endedPage = terms(await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text());
    const ended = endedPage.section;
    expect(ended).toContain("<dt>Opens</dt>");
    // Ended early: when it stopped, and the end time it had, named as such.
    const { ended_at, ends_at } = (await (await api(`/api/admin/deals/${id}`, { headers: s.manager.headers })).json()) as {
      ended_at: string;
      ends_at: string;
    };
    expect(ended_at < ends_at).toBe(true);
    expect(endedPage.term("Ended")).toBe(`${when(ended_at)} IST`);
    expect(endedPage.term("Was to end")).toBe(`${when(ends_at)} IST`);
    expect(endedPage.term("Ends")).toBeNull();
    expect(ended).not.toContain("data-countdown");
    expect(ended).not.toContain("data-deal-phase");
  });
});

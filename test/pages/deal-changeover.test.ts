import { describe, expect, it } from "vitest";
import { DealCard } from "../../workers/pages/components";
import type { Deal } from "../../workers/pages/types";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";

/** The opening tag of the first element in `html` carrying `mark`. */
function tagWith(html: string, mark: string): string {
  const at = html.indexOf(mark);
  expect(at, mark).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf("<", at), html.indexOf(">", at) + 1);
}

/** An attribute's value in an opening tag, unescaped; null when it is not there. */
function attr(tag: string, name: string): string | null {
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined ? null : value.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
}

const inIst = (iso: string) => new Date(iso).toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium", timeStyle: "short" });

describe("a deal page's change-over at the deal's start and end", () => {
  it("gives an upcoming deal's tag, terms, countdown and way in what they become when it opens and when it ends", async () => {
    const setup = await dealSetup(20);
    const startsAt = new Date(Date.now() + 600_000).toISOString();
    const endsAt = new Date(Date.now() + 4_200_000).toISOString();
    const id = await createDealViaApi(setup, { starts_at: startsAt, ends_at: endsAt, units: 12, per_user_limit: 3 });
    const html = await (await api(`/deals/${id}`)).text();

    const page = tagWith(html, `data-deal-id="${id}"`);
    expect(attr(page, "data-deal-phase")).toBe("upcoming");
    expect(Date.parse(attr(page, "data-starts-at") ?? "")).toBe(Date.parse(startsAt));
    expect(Date.parse(attr(page, "data-ends-at") ?? "")).toBe(Date.parse(endsAt));

    const tag = tagWith(html, 'class="tag"');
    expect(attr(tag, "data-live-text")).toBe("Live now");
    expect(attr(tag, "data-ended-text")).toBe("Ended");

    const terms = tagWith(html, "data-deal-terms");
    expect(attr(terms, "data-live-text")).toBe(`12 units at this price. Limit 3 per shopper. Ends ${inIst(endsAt)} IST.`);
    expect(attr(terms, "data-ended-text")).toBe("12 units at this price. Limit 3 per shopper.");

    const countdown = /<p class="countdown"[^>]*>([\s\S]*?)<\/p>/.exec(html);
    expect(attr(countdown?.[0] ?? "", "data-ended-text")).toBe("This deal has ended.");
    const label = tagWith(countdown?.[1] ?? "", "<span");
    expect(attr(label, "data-live-text")).toBe("Ends in");
    expect(countdown?.[1]).toContain("Opens in");
    const clock = tagWith(countdown?.[1] ?? "", "data-countdown");
    expect(Date.parse(attr(clock, "data-countdown") ?? "")).toBe(Date.parse(startsAt));
    expect(Date.parse(attr(clock, "data-live-to") ?? "")).toBe(Date.parse(endsAt));

    expect(attr(tagWith(html, "data-wr-join"), "data-ended-off")).toBe("");
    // The waiting room stops inviting shoppers in once the deal is over.
    expect(attr(tagWith(html, "data-wr-message"), "data-ended-text")).toBe("This deal has ended.");
  });

  it("offers an upcoming deal's reminder, which saves to the wishlist without a request on load and is switched off at the opening", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, {
      starts_at: new Date(Date.now() + 600_000).toISOString(),
      ends_at: new Date(Date.now() + 4_200_000).toISOString(),
    });
    const html = await (await api(`/deals/${id}`)).text();
    const form = tagWith(html, "data-wishlist-toggle");
    expect(attr(form, "action")).toBe("/wishlist/save");
    expect(attr(form, "data-label")).toBe("Remind me when it opens");
    expect(attr(form, "data-saved-label")).toBe("Reminder set");
    // The herd loads this page before the opening: its script must not ask the API per view.
    expect(attr(form, "data-wishlist-ask")).toBe("false");
    expect(html).toContain(`name="product_id" value="${setup.fixture.productId}"`);
    expect(attr(tagWith(html, "Remind me when it opens</button>"), "data-live-off")).toBe("");
    // The whole reminder goes at the opening, its words with it.
    expect(attr(tagWith(html, 'class="deal-remind"'), "data-live-hide")).toBe("");
    expect(html).toContain('src="/static/wishlist.js"');

    const live = await createDealViaApi(await dealSetup(20), { starts_at: new Date(Date.now() + 200).toISOString() });
    await new Promise((r) => setTimeout(r, 300));
    expect(await (await api(`/deals/${live}`)).text()).not.toContain("data-wishlist-toggle");
  });

  it("gives a live deal only what it becomes when it ends", async () => {
    const setup = await dealSetup(20);
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const id = await createDealViaApi(setup, { starts_at: new Date(Date.now() + 200).toISOString(), ends_at: endsAt, units: 12 });
    await new Promise((r) => setTimeout(r, 300));
    const html = await (await api(`/deals/${id}`)).text();

    expect(attr(tagWith(html, `data-deal-id="${id}"`), "data-deal-phase")).toBe("live");
    const tag = tagWith(html, 'class="tag"');
    expect(html).toContain(">Live now</p>");
    expect(attr(tag, "data-live-text")).toBeNull();
    expect(attr(tag, "data-ended-text")).toBe("Ended");
    const terms = tagWith(html, "data-deal-terms");
    expect(attr(terms, "data-live-text")).toBeNull();
    expect(attr(terms, "data-ended-text")).toBe("12 units at this price. Limit 1 per shopper.");
    const countdown = /<p class="countdown"[^>]*>([\s\S]*?)<\/p>/.exec(html);
    expect(attr(countdown?.[0] ?? "", "data-ended-text")).toBe("This deal has ended.");
    expect(countdown?.[1]).not.toContain("data-live-");
    expect(Date.parse(attr(tagWith(countdown?.[1] ?? "", "data-countdown"), "data-countdown") ?? "")).toBe(Date.parse(endsAt));
    expect(attr(tagWith(html, "data-wr-join"), "data-ended-off")).toBe("");
  });

  it("gives the product page's deal box and the deal's way in what they become when the deal ends", async () => {
    const setup = await dealSetup(20);
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const id = await createDealViaApi(setup, { starts_at: new Date(Date.now() + 800).toISOString(), ends_at: endsAt });
    // The product page shows a deal once it is live.
    await new Promise((r) => setTimeout(r, 1_200));
    const html = await (await api(`/products/${setup.fixture.productId}`)).text();

    const banner = /<section class="deal-banner"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    expect(attr(tagWith(banner, "<section"), "data-deal-phase")).toBe("live");
    expect(Date.parse(attr(tagWith(banner, "<section"), "data-ends-at") ?? "")).toBe(Date.parse(endsAt));
    expect(banner).toContain("Ends in");
    expect(banner).not.toContain("data-live-");
    expect(attr(tagWith(banner, 'class="countdown"'), "data-ended-text")).toBe("This deal has ended.");
    expect(attr(tagWith(banner, `href="/deals/${id}"`), "data-ended-off")).toBe("");

    const entry = /<div class="deal-entry"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "";
    expect(attr(tagWith(entry, "<div"), "data-deal-phase")).toBe("live");
    expect(attr(tagWith(entry, "<a"), "data-ended-off")).toBe("");
    expect(attr(tagWith(entry, 'class="muted"'), "data-ended-text")).toBe("This deal has ended.");
  });

  it("gives a deal's card its change-over, and an ended deal's none", () => {
    const deal: Deal = {
      id: "deal_1",
      deal_price: 99900,
      starts_at: new Date(Date.now() + 60_000).toISOString(),
      ends_at: new Date(Date.now() + 3_660_000).toISOString(),
    };
    const card = String(DealCard({ deal }));
    expect(attr(tagWith(card, "<li"), "data-deal-phase")).toBe("upcoming");
    expect(attr(tagWith(card, 'class="tag"'), "data-live-text")).toBe("Live now");
    expect(attr(tagWith(card, 'class="tag"'), "data-ended-text")).toBe("Ended");
    expect(attr(tagWith(card, "<span data-live-text"), "data-live-text")).toBe("Ends in");
    expect(attr(tagWith(card, "data-live-to"), "data-live-to")).toBe(deal.ends_at);

    const ended = String(
      DealCard({ deal: { ...deal, starts_at: new Date(Date.now() - 60_000).toISOString(), ends_at: new Date().toISOString() } }),
    );
    expect(ended).toContain("Ended");
    expect(ended).not.toContain("data-deal-phase");
    expect(ended).not.toContain("data-live-");
    expect(ended).not.toContain("data-ended-");
  });
});

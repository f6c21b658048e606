import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { actionRefusal } from "../../workers/pages/consoles/deal-dashboard";
import { createDealViaApi, dealSetup, liveDealTwoSold } from "../deals/helpers";
import { api, readerText } from "../helpers/http";
import { closeBrowser, el, runScript } from "./script-dom";
import { consolePost, dealFormDefaults, field, istIn } from "../helpers/forms";
import { when } from "../../workers/pages/format";
import { consoleDealRow } from "./deals-console-table";

/** A filled-in create form for the setup's listing, with a fresh key; `overrides` replace fields. */
function dealForm(s: { fixture: { listingId: string } }, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    idempotency_key: crypto.randomUUID(),
    listing_id: s.fixture.listingId,
    ...dealFormDefaults(),
    units: "5",
    ...overrides,
  };
}

afterEach(closeBrowser);

describe("the deals console's create form", () => {
  it("comes back after the API refuses it with what the manager typed and each field's reason beside it", async () => {
    const s = await dealSetup(50);
    const typed = {
      idempotency_key: crypto.randomUUID(),
      listing_id: s.fixture.listingId,
      // The listing sells at ₹1,299; a deal must be cheaper.
      deal_price: "1500",
      units: "2",
      starts_at: istIn(60),
      ends_at: istIn(120),
      per_user_limit: "5",
      active_users: "250",
      new_users_per_minute: "90",
      session_minutes: "7",
    };
    const res = await consolePost("/deals-console", typed, s.manager.headers);
    expect(res.status).toBe(400);
    const page = await res.text();
    for (const [name, value] of Object.entries(typed)) {
      if (name !== "idempotency_key") expect(field(page, name).input).toContain(`value="${value}"`);
    }
    // The API checks the form's shape first: a per-shopper limit above the units fails before the price is looked at.
    expect(field(page, "per_user_limit").error).toBe("Must not exceed units");
    expect(field(page, "per_user_limit").input).toContain('aria-invalid="true"');
    expect(field(page, "units").error).toBeNull();
    expect(page).toContain("The deal was not created. Check Limit per shopper.");
    // Drawn again below the deals table, the refused form and the reason above it are where the browser lands.
    expect(page).toContain('<form method="post" action="/deals-console#new-deal" class="stack">');
    const landing = page.indexOf('id="new-deal"');
    expect(landing).toBeGreaterThan(page.indexOf("data-deals"));
    expect(page.indexOf("The deal was not created.")).toBeGreaterThan(landing);
    // The refused form is a new request once corrected: it must not carry the refused one's key.
    expect(page).not.toContain(typed.idempotency_key);

    const priced = await (await consolePost("/deals-console", { ...typed, per_user_limit: "1" }, s.manager.headers)).text();
    expect(field(priced, "deal_price").error).toBe("Must be below the listing&#39;s price of ₹1,299");
    expect(field(priced, "deal_price").input).toContain('value="1500"');
  });

  it("creates a deal with a session as long as the API allows, past an hour", async () => {
    const s = await dealSetup(50);
    const res = await consolePost("/deals-console", dealForm(s, { ends_at: istIn(240), session_minutes: "90" }), s.manager.headers);
    expect(res.status).toBe(303);
    const id = /^\/deals-console\/([^/?]+)\?done=created$/.exec(res.headers.get("location") ?? "")?.[1] ?? "";
    // The dashboard it lands on says the deal was made, not only by drawing it.
    const dashboard = await (await api(res.headers.get("location") ?? "", { headers: s.manager.headers })).text();
    expect(readerText(dashboard)).toContain(
      "The deal was created: its units are set aside from the listing's stock, and it opens at the time shown below.",
    );
    const deal = await api(`/api/admin/deals/${id}`, { headers: s.manager.headers });
    expect(deal.status).toBe(200);
    expect(((await deal.json()) as { waiting_room: { session_minutes: number } }).waiting_room.session_minutes).toBe(90);
  });

  it("sets how long a held unit waits for checkout, in minutes, within the shopper's session", async () => {
    const s = await dealSetup(50);
    const typed = dealForm(s, { session_minutes: "5", hold_minutes: "8" });
    const refused = await consolePost("/deals-console", typed, s.manager.headers);
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(field(page, "hold_minutes").error).toBe("At most 5 minutes: a held unit is let go when the shopper&#39;s 5-minute session ends");
    expect(field(page, "hold_minutes").input).toContain('value="8"');

    const res = await consolePost(
      "/deals-console",
      { ...typed, idempotency_key: crypto.randomUUID(), hold_minutes: "3" },
      s.manager.headers,
    );
    expect(res.status).toBe(303);
    const id = /^\/deals-console\/([^/?]+)\?done=created$/.exec(res.headers.get("location") ?? "")?.[1] ?? "";
    const deal = (await (await api(`/api/admin/deals/${id}`, { headers: s.manager.headers })).json()) as { hold_seconds: number };
    expect(deal.hold_seconds).toBe(180);
  });

  it("says beside the units field how many units the listing has when creation is refused for want of stock", async () => {
    const s = await dealSetup(12);
    const res = await consolePost("/deals-console", dealForm(s, { units: "20" }), s.manager.headers);
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(field(page, "units").error).toBe("Only 12 units are available to carve: enter 12 or fewer");
    expect(field(page, "units").input).toContain('value="20"');
    // The browser now holds the manager to what the stock allows before the API is asked again.
    expect(field(page, "units").input).toContain('max="12"');
    expect(page).toContain("The deal was not created. Check Units.");
    expect(page).not.toContain("Not enough available stock");
    // The other fields come back as typed.
    expect(field(page, "listing_id").input).toContain(`value="${s.fixture.listingId}"`);
    expect(field(page, "deal_price").input).toContain('value="999"');
  });

  it("keeps what was typed when the form itself is incomplete, naming the field", async () => {
    const s = await dealSetup(50);
    const res = await consolePost("/deals-console", dealForm(s, { units: "0" }), s.manager.headers);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(field(page, "units").error).toBe("At least 1");
    expect(field(page, "deal_price").input).toContain('value="999"');
    expect(field(page, "listing_id").input).toContain(`value="${s.fixture.listingId}"`);

    // A price of nothing is named with the units, in words, on the same refusal.
    const both = await (await consolePost("/deals-console", dealForm(s, { units: "0", deal_price: "0" }), s.manager.headers)).text();
    expect(field(both, "units").error).toBe("At least 1");
    expect(field(both, "deal_price").error).toBe("Enter a deal price above ₹0");
    const deals = await env.DB.prepare("SELECT COUNT(*) AS n FROM deals WHERE listing_id = ?").bind(s.fixture.listingId).first();
    expect(deals).toEqual({ n: 0 });
  });
});

describe("the deals console's list", () => {
  it("still lists a deal after it ended, linking to its dashboard", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s);
    expect((await consolePost(`/deals-console/${id}/end`, {}, s.manager.headers)).status).toBe(303);
    const page = await (await api("/deals-console", { headers: s.manager.headers })).text();
    const row = consoleDealRow(page, id);
    expect(row?.html).toContain(`<a href="/deals-console/${id}">`);
    // Its units went back to stock, as the row recorded when it ended.
    expect(row?.cells).toMatchObject({ Status: "Ended", "Units left": "Sold 0 of 10 10 back to stock" });
  });

  it("names each deal by its product and seller, with its price, not by its id", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s);
    const page = await (await api("/deals-console", { headers: s.manager.headers })).text();
    const row = consoleDealRow(page, id);
    expect(row?.cells).toMatchObject({ Deal: "Test Phone 5G (8GB RAM, 128GB)", "Deal price": "₹999", Seller: "Test Seller" });
    expect(row?.html).not.toContain(`>${id}<`);
  });

  it("is a table of each deal's status and units left, first on the page, above the form that creates one", async () => {
    const live = await liveDealTwoSold(await dealSetup(30));
    const soldOut = await liveDealTwoSold(await dealSetup(30), { units: 2 });
    const s = await dealSetup(30);
    const opensAt = new Date(Date.now() + 2 * 3600_000).toISOString();
    const endsAt = new Date(Date.now() + 3 * 3600_000).toISOString();
    const upcoming = await createDealViaApi(s, { units: 5, starts_at: opensAt, ends_at: endsAt });
    // A unit held at checkout is not left to sell, though it may come back.
    expect((await live.gate.reserve({ reservationId: "b", shopperId: "u2", qty: 1 })).ok).toBe(true);

    const page = await (await api("/deals-console", { headers: s.manager.headers })).text();
    expect(consoleDealRow(page, live.id)?.cells).toMatchObject({ Status: "Live", "Units left": "7 of 10" });
    expect(consoleDealRow(page, soldOut.id)?.cells).toMatchObject({ Status: "Sold out", "Units left": "0 of 2" });
    expect(consoleDealRow(page, upcoming)?.cells).toEqual({
      Deal: "Test Phone 5G (8GB RAM, 128GB)",
      Status: "Upcoming",
      "Deal price": "₹999",
      "Units left": "5 of 5",
      // The form takes times in IST; the table says its times are too.
      Opens: `${when(opensAt)} IST`,
      Ends: `${when(endsAt)} IST`,
      Seller: "Test Seller",
      Copy: "Create a deal like this one on Test Phone 5G (8GB RAM, 128GB)",
    });

    // Right under the heading: the way down to the form, then the deals, then the picker and the form.
    expect(page).toMatch(/<h1>Deals console<\/h1>\s*<p>\s*<a href="#new-deal">Create a flash deal<\/a>/);
    expect(page).toContain('<div id="new-deal">');
    const at = (text: string) => {
      expect(page).toContain(text);
      return page.indexOf(text);
    };
    expect(at('data-deals="true"')).toBeLessThan(at('id="find-offer-h"'));
    expect(at('id="find-offer-h"')).toBeLessThan(at('id="new-deal-h"'));
    expect(at('id="new-deal"')).toBeLessThan(at('id="find-offer-h"'));
    // A catalog search answers with the page scrolled to the picker, past the deals.
    expect(page).toContain('<form method="get" action="/deals-console#find-offer-h" role="search"');
    // A phone scrolls the table itself, and a keyboard can too.
    expect(page).toMatch(
      /<section class="table-scroll" aria-label="Each deal&#39;s status and units left" tabindex="0">\s*<table class="data" data-deals="true">/,
    );
  });
});

describe("the deal dashboard's figures", () => {
  it("account for every unit of an ended deal: sold, reserved, remaining and returned add up to its units", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s);
    expect((await consolePost(`/deals-console/${id}/end`, {}, s.manager.headers)).status).toBe(303);
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    const figure = (name: string) => Number(new RegExp(`data-figure="${name}">([^<]*)<`).exec(page)?.[1]);
    expect(figure("units")).toBe(10);
    expect(figure("sold")).toBe(2);
    expect(figure("returned")).toBe(8);
    expect(figure("sold") + figure("reserved") + figure("remaining") + figure("returned")).toBe(figure("units"));
    expect(page).toContain("Returned to stock");
  });
});

describe("the deal dashboard's actions", () => {
  it("says why an action was refused and answers with the API's status", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s);
    await consolePost(`/deals-console/${id}/end`, {}, s.manager.headers);
    const res = await consolePost(`/deals-console/${id}/pause`, {}, s.manager.headers);
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain("This deal has ended, so it cannot be paused.");
    expect(page).toMatch(/data-figure="status">Ended</);
  });

  it("puts rate limits and shed load in words with the wait", () => {
    const limited = actionRefusal("pause", { status: 429, retryAfter: "12", detail: "Too many requests; try again in 12 seconds." });
    expect(limited).toBe("The deal was not paused. You are going a little fast. Please try again in 12 seconds.");
    const shed = actionRefusal("end", { status: 503, type: "/problems/overloaded", retryAfter: "5" });
    expect(shed).toContain("The deal was not ended.");
    expect(shed).toContain("5 seconds");
  });
});

describe("the deal dashboard's announcements", () => {
  it("keeps the refreshing figures out of any live region and offers a status line instead", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s);
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    const board = /<dl[^>]*data-deal-dashboard[^>]*>/.exec(page)?.[0] ?? "";
    expect(board).not.toContain("aria-live");
    expect(board).toContain('data-units="10"');
    expect(page).toMatch(/<p class="visually-hidden" role="status" data-deal-announce="true"><\/p>/);
  });

  it("announces a change of state and each quarter sold, not every refresh", async () => {
    const announce = el("p", { role: "status", "data-deal-announce": "" });
    const sold = el("dd", { "data-figure": "sold" });
    const board = el("dl", { "data-deal-dashboard": "deal_1", "data-status": "live", "data-sold": "0", "data-units": "100" }, [sold]);
    let figures = { status: "live", sold: 3 };
    const fetch = async () => Response.json({ id: "deal_1", units: 100, figures });
    const browser = await runScript("console.js", { body: el("body", {}, [announce, board]), fetch });
    const poll = async (next: typeof figures) => {
      figures = next;
      announce.textContent = "";
      await browser.fireTimers();
      return announce.textContent;
    };
    expect(await poll({ status: "live", sold: 3 })).toBe("");
    expect(sold.textContent).toBe("3");
    expect(await poll({ status: "live", sold: 27 })).toBe("A quarter of the units are sold: 27 of 100.");
    expect(await poll({ status: "live", sold: 31 })).toBe("");
    expect(await poll({ status: "paused", sold: 31 })).toBe("The deal is paused: no new reserves.");
    expect(await poll({ status: "paused", sold: 31 })).toBe("");
    expect(await poll({ status: "sold_out", sold: 100 })).toBe("The deal is sold out.");
    expect(await poll({ status: "sold_out", sold: 100 })).toBe("");
  });
});

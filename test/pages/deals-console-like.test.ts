import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { listings, sellers, warehouses } from "../../workers/db/schema";
import { setAvailable } from "../../workers/inventory/ledger";
import { istInput } from "../../workers/pages/consoles/deal-adjust-form";
import type { ApiFetch } from "../../workers/pages/api";
import type { ChosenOffer } from "../../workers/pages/consoles/deal-form";
import { likeForm, nextSlot, offSaleWarning, priceWarning } from "../../workers/pages/consoles/deal-like";
import type { AppEnv } from "../../workers/platform/context";
import { clockTime, dayAndTime, shortDay } from "../../workers/pages/format";
import { createDb } from "../../workers/platform/db";
import { newId } from "../../workers/platform/ids";
import { nowIso } from "../../workers/platform/time";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { createListingFixture } from "../helpers/catalog";
import { createTestUser } from "../helpers/accounts";
import { consolePost, drawnForm, field } from "../helpers/forms";
import { ORIGIN, api, readerText } from "../helpers/http";
import { consoleDealRow } from "./deals-console-table";

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface ApiDeal {
  id: string;
  listing_id: string;
  deal_price: number;
  units: number;
  starts_at: string;
  ends_at: string;
  per_user_limit: number;
  hold_seconds: number;
  ended_at: string | null;
  waiting_room: { active_users: number; new_users_per_minute: number; session_minutes: number };
}

/** A deal as the admin API answers for it. */
async function readDeal(id: string, headers: Record<string, string>): Promise<ApiDeal> {
  return (await (await api(`/api/admin/deals/${id}`, { headers })).json()) as ApiDeal;
}

/** The value a field of the page's form is drawn with. */
const drawnValue = (page: string, name: string) => /value="([^"]*)"/.exec(field(page, name).input)?.[1];

/** The warning the console draws over the create form, in the words a reader hears, or null when it draws none. */
const formWarning = (page: string) => {
  const panel = /<p class="panel warning" role="alert"[^>]*>.*?<\/p>/s.exec(page)?.[0];
  return panel === undefined ? null : readerText(panel).trim();
};

/** What the copy of a deal on the test phone warns once its listing is off sale, and why. */
const offSale = (why: string, fix: string) =>
  `Test Phone 5G (8GB RAM, 128GB) is not on sale from this listing now: the listing is ${why}, so a deal on it would be refused. ` +
  `${fix} first (the form keeps it), or pick another offer with the search below, which keeps the rest of the copy.`;

/** The idempotency key the page's create form carries. */
const formKey = (page: string) => /<input type="hidden" name="idempotency_key" value="([^"]*)"/.exec(page)?.[1];

/**
 * A deal with settings unlike the form's defaults, so a copied field cannot pass by holding its default;
 * its product named `title` when given, so a catalog search finds that product alone.
 */
async function dealToCopy(title?: string) {
  const s = title === undefined ? await dealSetup(50) : await titledSetup(title);
  const id = await createDealViaApi(s, {
    deal_price: 89950,
    units: 12,
    per_user_limit: 3,
    hold_seconds: 240,
    starts_at: new Date(Date.now() + 2 * HOUR).toISOString(),
    ends_at: new Date(Date.now() + 3 * HOUR).toISOString(),
    waiting_room: { active_users: 250, new_users_per_minute: 90, session_minutes: 7 },
  });
  return { s, id, deal: await readDeal(id, s.manager.headers) };
}

/** The deal setup with the product titled as given, and 50 units of the fixture's offer. */
async function titledSetup(title: string) {
  const fixture = await createListingFixture({ title });
  await setAvailable(env.DB, {
    skuId: fixture.listingId,
    warehouseId: fixture.warehouseId,
    available: 50,
    ref: `stock-${fixture.listingId}`,
  });
  return { fixture, manager: await createTestUser(["deal_manager"]) };
}

/** A word no other product has, so a search finds its own product and no cached answer. */
const uniqueWord = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => String.fromCharCode(97 + (b % 26))).join("");

/** Another seller's offer of the product (MRP ₹1,499) at `price` paise, with 200 units in a warehouse of its own; its listing id. */
async function anotherSellersOffer(productId: string, price: number): Promise<string> {
  const db = createDb(env.DB);
  const now = nowIso();
  const sellerId = newId("sel");
  const listingId = newId("lst");
  const warehouseId = newId("wh");
  await db.batch([
    db.insert(sellers).values({ id: sellerId, name: "Kaveri Mobiles", city: "Chennai", createdAt: now }),
    db.insert(listings).values({ id: listingId, productId, sellerId, price, mrp: 149900, createdAt: now, updatedAt: now }),
    db.insert(warehouses).values({ id: warehouseId, name: "Chennai WH", city: "Chennai" }),
  ]);
  await setAvailable(env.DB, { skuId: listingId, warehouseId, available: 200, ref: `stock-${listingId}` });
  return listingId;
}

/** The href of the picker's "Use this offer" link for one listing, or null when its row has none. */
const pickLink = (page: string, listingId: string) => {
  const row = new RegExp(`<tr data-listing-id="${listingId}">.*?</tr>`, "s").exec(page)?.[0] ?? "";
  return /<a href="([^"]+)">Use this offer/.exec(row)?.[1]?.replaceAll("&amp;", "&") ?? null;
};

/** The create form's copied settings as drawn, listing aside. */
const copiedSettings = (page: string) =>
  Object.fromEntries(
    [
      "deal_price",
      "units",
      "starts_at",
      "ends_at",
      "per_user_limit",
      "active_users",
      "new_users_per_minute",
      "session_minutes",
      "hold_minutes",
    ].map((name) => [name, drawnValue(page, name)]),
  );

/** The settings `copiedSettings` reads from a copy of `dealToCopy`'s deal: its own, with its times a day on. */
const settingsOfCopy = (deal: ApiDeal) => ({
  deal_price: "899.50",
  units: "12",
  starts_at: istInput(new Date(Date.parse(deal.starts_at) + DAY).toISOString()),
  ends_at: istInput(new Date(Date.parse(deal.ends_at) + DAY).toISOString()),
  per_user_limit: "3",
  active_users: "250",
  new_users_per_minute: "90",
  session_minutes: "7",
  hold_minutes: "4",
});

/** The catalog search form's fields as the page draws them, with `find` typed in. */
const searchFor = (page: string, find: string) => {
  const { fields } = drawnForm(page, 'aria-label="Catalog"');
  return `/deals-console?${new URLSearchParams({ ...fields, find })}`;
};

describe("creating a deal like another", () => {
  it("is linked from the deal's dashboard and its row in the deals table", async () => {
    const { s, id } = await dealToCopy();
    const href = `/deals-console?like=${id}#new-deal`;
    const board = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    expect(board).toContain(`<a href="${href}">Create a deal like this</a>`);
    const list = await (await api("/deals-console", { headers: s.manager.headers })).text();
    expect(consoleDealRow(list, id)?.cells.Copy).toBe("Create a deal like this one on Test Phone 5G (8GB RAM, 128GB)");
    expect(consoleDealRow(list, id)?.html).toContain(`<a href="${href}">`);
  });

  it("fills the create form in with the deal's settings, a day on, and a key of its own; submitting it creates the copy", async () => {
    const { s, id, deal } = await dealToCopy();
    const res = await api(`/deals-console?like=${id}`, { headers: s.manager.headers });
    expect(res.status).toBe(200);
    const page = await res.text();
    const starts = Date.parse(deal.starts_at) + DAY;
    const ends = Date.parse(deal.ends_at) + DAY;
    expect({ listing_id: drawnValue(page, "listing_id"), ...copiedSettings(page) }).toEqual({
      listing_id: s.fixture.listingId,
      ...settingsOfCopy(deal),
    });
    // Which deal it copies, and where its times went, in IST as the form's fields are.
    const text = readerText(page);
    expect(text).toContain(
      `Copying the deal on Test Phone 5G (8GB RAM, 128GB) (ends ${shortDay(deal.ends_at)}, ${clockTime(deal.ends_at)} IST). ` +
        `This one opens ${dayAndTime(new Date(starts).toISOString())} IST, at the same time of day and for as long. ` +
        "Check it, then create it: nothing is created until then.",
    );
    // The offer is still on sale: nothing warns against creating the copy.
    expect(formWarning(page)).toBeNull();
    expect(text).not.toContain("not on sale");
    // The listing is named as the picker names a picked offer, with the stock its units are held to.
    expect(readerText(/<p class="field-hint" id="listing_id-hint"[^>]*>.*?<\/p>/s.exec(page)?.[0] ?? "")).toContain(
      "Test Phone 5G (8GB RAM, 128GB) , sold by Test Seller at ₹1,299",
    );
    expect(field(page, "units").input).toContain('max="38"');
    // A key of the copy's own: another draw of the same copy gets another.
    const key = formKey(page);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const again = await (await api(`/deals-console?like=${id}`, { headers: s.manager.headers })).text();
    expect(formKey(again)).not.toBe(key);

    const created = await consolePost("/deals-console", drawnForm(page, 'action="/deals-console#new-deal"').fields, s.manager.headers);
    expect(created.status).toBe(303);
    const copyId = /^\/deals-console\/([^/?]+)\?done=created$/.exec(created.headers.get("location") ?? "")?.[1] ?? "";
    expect(copyId).not.toBe(id);
    const copy = await readDeal(copyId, s.manager.headers);
    // The form's times are to the second.
    const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
    expect({ ...copy, starts_at: new Date(copy.starts_at).toISOString(), ends_at: new Date(copy.ends_at).toISOString() }).toMatchObject({
      listing_id: s.fixture.listingId,
      deal_price: 89950,
      units: 12,
      per_user_limit: 3,
      hold_seconds: 240,
      waiting_room: { active_users: 250, new_users_per_minute: 90, session_minutes: 7 },
      starts_at: second(starts),
      ends_at: second(ends),
    });
  });

  it("says the deal ended when copying one that has", async () => {
    const { s, id } = await dealToCopy();
    expect((await consolePost(`/deals-console/${id}/end`, {}, s.manager.headers)).status).toBe(303);
    const ended = await readDeal(id, s.manager.headers);
    const page = await (await api(`/deals-console?like=${id}`, { headers: s.manager.headers })).text();
    // Ended early: the copy names when it stopped, not the end it was set for.
    expect(ended.ended_at).not.toBeNull();
    expect(clockTime(ended.ended_at)).not.toBe(clockTime(ended.ends_at));
    expect(readerText(page)).toContain(`(ended ${shortDay(ended.ended_at)}, ${clockTime(ended.ended_at)} IST)`);
    expect(drawnValue(page, "units")).toBe("12");
  });

  it("warns, naming the product, when the deal's listing was switched off since; the form keeps the listing", async () => {
    const { s, id } = await dealToCopy();
    await createDb(env.DB).update(listings).set({ active: false }).where(eq(listings.id, s.fixture.listingId));
    const res = await api(`/deals-console?like=${id}`, { headers: s.manager.headers });
    // The copy itself worked: only creating it as it stands would not.
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(formWarning(page)).toBe(offSale("switched off", "Switch it back on"));
    // Above the picker the warning points to, and the form below it.
    const at = page.indexOf('class="panel warning"');
    expect(at).toBeGreaterThan(page.indexOf('<div id="new-deal">'));
    expect(at).toBeLessThan(page.indexOf('id="find-offer-h"'));
    // The notice still says what was copied, but no longer asks for the copy to be created as it stands.
    const text = readerText(page);
    expect(text).toContain("Copying the deal on Test Phone 5G (8GB RAM, 128GB) (ends ");
    expect(text).not.toContain("Check it, then create it");
    expect(drawnValue(page, "listing_id")).toBe(s.fixture.listingId);
    expect(drawnValue(page, "units")).toBe("12");
    // No offer is named beside a listing that makes none.
    expect(page).not.toContain('id="listing_id-hint"');
  });

  it("warns, naming the product, when the deal's listing has no stock left for a deal", async () => {
    const { s, id } = await dealToCopy();
    await setAvailable(env.DB, { skuId: s.fixture.listingId, warehouseId: s.fixture.warehouseId, available: 0, ref: `empty-${id}` });
    const res = await api(`/deals-console?like=${id}`, { headers: s.manager.headers });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(formWarning(page)).toBe(offSale("out of stock", "Restock it"));
    expect(readerText(page)).not.toContain("Check it, then create it");
    expect(drawnValue(page, "listing_id")).toBe(s.fixture.listingId);
  });

  it("does not call a listing off sale when its product could not be read; it says the check failed", async () => {
    const { s, id } = await dealToCopy();
    // The catalog read fails (the store under load, say) while the admin API answers as usual.
    const failingCatalog: ApiFetch = (request) =>
      new URL(request.url).pathname.startsWith("/api/products/")
        ? Response.json(
            { type: "about:blank", title: "Service Unavailable", status: 503, detail: "The catalog could not be reached." },
            { status: 503, headers: { "content-type": "application/problem+json" } },
          )
        : exports.default.fetch(request);
    const page = new Hono<AppEnv>().get("/copy", async (c) => c.json(await likeForm(c, failingCatalog, id)));
    const res = await page.fetch(new Request(`${ORIGIN}/copy`, { headers: s.manager.headers }), env, {
      waitUntil() {},
      passThroughOnException() {},
      props: {},
    });
    const copy = (await res.json()) as {
      ok: boolean;
      warning?: string;
      notice: string;
      form: { values: Record<string, string>; chosen?: unknown };
    };
    expect(copy.ok).toBe(true);
    expect(copy.warning).toBe(
      `Whether Test Phone 5G (8GB RAM, 128GB) (listing ${s.fixture.listingId}) is still on sale could not be checked just now: ` +
        "The catalog could not be reached. Creating the deal checks it again.",
    );
    // The copy is drawn as it would be otherwise, still asking for a check before creating it.
    expect(copy.notice).toContain("Check it, then create it");
    expect(copy.form.values.listing_id).toBe(s.fixture.listingId);
    expect(copy.form.chosen).toBeUndefined();
  });

  it("draws the empty form with why when the link names no deal it can read", async () => {
    const s = await dealSetup(10);
    const cases = [
      { like: "deal_nosuchdeal", status: 404, notice: "There is no deal deal_nosuchdeal to copy, so the form below is empty." },
      { like: "x".repeat(65), status: 400, notice: "The link does not name a deal to copy, so the form below is empty." },
      { like: "", status: 400, notice: "The link does not name a deal to copy, so the form below is empty." },
    ];
    for (const { like, status, notice } of cases) {
      const res = await api(`/deals-console?like=${like}`, { headers: s.manager.headers });
      expect(res.status, like).toBe(status);
      const page = await res.text();
      expect(page).toContain(`<p class="panel error" role="alert">${notice}</p>`);
      expect(drawnValue(page, "listing_id")).toBe("");
      expect(drawnValue(page, "deal_price")).toBe("");
      expect(drawnValue(page, "units")).toBe("");
      expect(drawnValue(page, "per_user_limit")).toBe("1");
    }
  });

  it("is the deal managers' alone: the console's guard keeps others from the copy", async () => {
    const { s, id } = await dealToCopy();
    const copied = await api(`/deals-console?like=${id}`, { headers: s.manager.headers });
    expect(await copied.text()).toContain(s.fixture.listingId);
    for (const roles of [[], ["ops"], ["seller"]] as const) {
      const other = await createTestUser([...roles]);
      const res = await api(`/deals-console?like=${id}`, { headers: other.headers });
      expect(res.status, roles.join()).toBe(403);
      expect(await res.text()).not.toContain(s.fixture.listingId);
    }
    const guest = await exports.default.fetch(new Request(`${ORIGIN}/deals-console?like=${id}`, { redirect: "manual" }));
    expect(guest.status).toBe(303);
    // Signed in, the manager comes back to the copy, not to an empty form.
    expect(guest.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(`/deals-console?like=${id}`)}`);
  });
});

describe("picking another offer for a copy", () => {
  it("keeps the copy through the search and the pick, with the picked listing in place of the deal's", async () => {
    const word = uniqueWord();
    const { s, id, deal } = await dealToCopy(`Zorbit ${word} Phone (128 GB)`);
    const other = await anotherSellersOffer(s.fixture.productId, 119900);
    const copied = await (await api(`/deals-console?like=${id}`, { headers: s.manager.headers })).text();
    const settings = copiedSettings(copied);
    expect(settings.deal_price).toBe("899.50");

    // The search form carries the copy along, as a hidden field the browser submits with the words.
    expect(drawnForm(copied, 'aria-label="Catalog"').fields).toEqual({ find: "", like: id });
    const found = await api(searchFor(copied, word), { headers: s.manager.headers });
    expect(found.status).toBe(200);
    const foundPage = await found.text();
    // Searching alone changes nothing in the copy.
    expect(drawnValue(foundPage, "listing_id")).toBe(s.fixture.listingId);
    expect(copiedSettings(foundPage)).toEqual(settings);
    expect(readerText(foundPage)).toContain("Copying the deal on ");
    const href = pickLink(foundPage, other);
    expect(href).not.toBeNull();
    expect(new URL(href ?? "", ORIGIN).searchParams.get("like")).toBe(id);

    const res = await api(href ?? "", { headers: s.manager.headers });
    expect(res.status).toBe(200);
    const picked = await res.text();
    expect(drawnValue(picked, "listing_id")).toBe(other);
    const starts = Date.parse(deal.starts_at) + DAY;
    expect(copiedSettings(picked)).toEqual(settingsOfCopy(deal));
    // The chosen offer is named beside the listing as the picker names a picked offer, and marked in its row.
    expect(readerText(/<p class="field-hint" id="listing_id-hint"[^>]*>.*?<\/p>/s.exec(picked)?.[0] ?? "")).toContain(
      `Zorbit ${word} Phone (128 GB) , sold by Kaveri Mobiles at ₹1,199`,
    );
    expect(new RegExp(`<tr data-listing-id="${other}">.*?In the form`, "s").test(picked)).toBe(true);
    const text = readerText(picked);
    expect(text).toContain(
      `Copying the deal on Zorbit ${word} Phone (128 GB) (ends ${shortDay(deal.ends_at)}, ${clockTime(deal.ends_at)} IST). ` +
        `This one opens ${dayAndTime(new Date(starts).toISOString())} IST, at the same time of day and for as long. ` +
        `The listing is changed from ${s.fixture.listingId} to the offer picked: Zorbit ${word} Phone (128 GB), sold by Kaveri Mobiles at ₹1,199. ` +
        "Check it, then create it: nothing is created until then.",
    );
    expect(formWarning(picked)).toBeNull();
    // Searching again from the picked copy keeps both the copy and the pick.
    expect(drawnForm(picked, 'aria-label="Catalog"').fields).toMatchObject({ like: id, product: s.fixture.productId, listing: other });
    // The copy is another deal: its key is its own.
    expect(formKey(picked)).toMatch(/^[0-9a-f-]{36}$/);
    expect(formKey(picked)).not.toBe(formKey(copied));

    const created = await consolePost("/deals-console", drawnForm(picked, 'action="/deals-console#new-deal"').fields, s.manager.headers);
    expect(created.status).toBe(303);
    const copyId = /^\/deals-console\/([^/?]+)\?done=created$/.exec(created.headers.get("location") ?? "")?.[1] ?? "";
    expect(await readDeal(copyId, s.manager.headers)).toMatchObject({
      listing_id: other,
      deal_price: 89950,
      units: 12,
      per_user_limit: 3,
      hold_seconds: 240,
      waiting_room: { active_users: 250, new_users_per_minute: 90, session_minutes: 7 },
    });
  });

  it("keeps the copied price but warns when it is not below the picked offer's price", async () => {
    const { s, id } = await dealToCopy();
    const cheap = await anotherSellersOffer(s.fixture.productId, 89900);
    const res = await api(`/deals-console?like=${id}&product=${s.fixture.productId}&listing=${cheap}`, { headers: s.manager.headers });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(drawnValue(page, "listing_id")).toBe(cheap);
    expect(drawnValue(page, "deal_price")).toBe("899.50");
    expect(formWarning(page)).toBe(
      "The copied deal price of ₹899.50 is not below the price of the offer picked (Kaveri Mobiles sells at ₹899), " +
        "so a deal at it would be refused. Lower the deal price below ₹899 before creating it.",
    );
    const text = readerText(page);
    expect(text).toContain("The listing is changed from ");
    expect(text).not.toContain("Check it, then create it");
  });

  it("draws the copy as it was, and asks for another offer, when the picked one is gone", async () => {
    const { s, id } = await dealToCopy();
    const res = await api(`/deals-console?like=${id}&product=${s.fixture.productId}&listing=lst_gone`, { headers: s.manager.headers });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("That offer is no longer on sale. Please pick another.");
    expect(drawnValue(page, "listing_id")).toBe(s.fixture.listingId);
    expect(drawnValue(page, "units")).toBe("12");
    expect(drawnForm(page, 'aria-label="Catalog"').fields).toEqual({ find: "", like: id });
  });
});

describe("the warning over a copy moved to a cheaper offer", () => {
  const picked = (price: number) =>
    ({ product: { title: "Test Phone" }, offer: { listing_id: "lst_b", price, seller_name: "Asha Traders" } }) as ChosenOffer;

  it("is there only when the deal price is not below the offer's", () => {
    expect(priceWarning(89950, picked(89951))).toBeUndefined();
    expect(priceWarning(89950, picked(89950))).toMatch(
      /^The copied deal price of ₹899.50 is not below .*\(Asha Traders sells at ₹899.50\)/,
    );
    expect(priceWarning(89950, picked(50000))).toContain("Lower the deal price below ₹500 before creating it.");
  });
});

describe("the warning over a copy whose listing is off sale", () => {
  it("names the listing when the deal does not name its product", () => {
    expect(offSaleWarning({ listing_id: "lst_abc", product_title: null }, "switched_off")).toBe(
      "Listing lst_abc is not on sale now: the listing is switched off, so a deal on it would be refused. " +
        "Switch it back on first (the form keeps it), or pick another offer with the search below, which keeps the rest of the copy.",
    );
    expect(offSaleWarning({ listing_id: "lst_abc", product_title: "Test Phone" }, "no_stock")).toMatch(
      /^Test Phone is not on sale from this listing now: the listing is out of stock, .* Restock it first /,
    );
  });
});

describe("the copy's window", () => {
  const slot = (starts: string, ends: string) => ({ starts_at: `${starts}:00.000Z`, ends_at: `${ends}:00.000Z` });

  it("is the deal's time of day on the first later day still ahead", () => {
    const deal = slot("2026-12-01T06:30", "2026-12-01T07:30");
    expect(nextSlot(deal, Date.parse("2026-12-01T06:00Z"))).toEqual(slot("2026-12-02T06:30", "2026-12-02T07:30"));
    expect(nextSlot(deal, Date.parse("2026-12-03T06:15Z"))).toEqual(slot("2026-12-03T06:30", "2026-12-03T07:30"));
    expect(nextSlot(deal, Date.parse("2026-12-03T06:45Z"))).toEqual(slot("2026-12-04T06:30", "2026-12-04T07:30"));
  });

  it("starts no sooner than the deal ends, as the deal holds its listing until then", () => {
    const twoDays = slot("2026-12-01T06:30", "2026-12-03T06:30");
    expect(nextSlot(twoDays, Date.parse("2026-12-01T10:00Z"))).toEqual(slot("2026-12-03T06:30", "2026-12-05T06:30"));
  });
});

import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { listings, warehouses } from "../../workers/db/schema";
import { setAvailable } from "../../workers/inventory/ledger";
import { UNITS_HINT_UNKNOWN } from "../../workers/pages/consoles/deal-form";
import { createDb } from "../../workers/platform/db";
import { newId } from "../../workers/platform/ids";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { field } from "../helpers/forms";
import { api } from "../helpers/http";
import { closeBrowser, el, type FakeElement, runScript, settle } from "./script-dom";

afterEach(closeBrowser);

/** A listing on sale with `stock` units in each of as many warehouses, and a deal manager. */
async function listingWith(stock: number[]): Promise<{ listingId: string; productId: string; manager: TestUser }> {
  const fixture = await createListingFixture();
  for (const [i, available] of stock.entries()) {
    const warehouseId = i === 0 ? fixture.warehouseId : newId("wh");
    if (i > 0)
      await createDb(env.DB)
        .insert(warehouses)
        .values({ id: warehouseId, name: `WH ${i}`, city: "Nagpur" });
    await setAvailable(env.DB, { skuId: fixture.listingId, warehouseId, available, ref: `stock-${fixture.listingId}-${i}` });
  }
  return { listingId: fixture.listingId, productId: fixture.productId, manager: await createTestUser(["deal_manager"]) };
}

/** The units hint's opening tag and its text, entities decoded as a browser does. */
function unitsHint(page: string): { tag: string; text: string } {
  const m = /(<p class="field-hint" id="units-hint"[^>]*>)(.*?)<\/p>/s.exec(page);
  return { tag: m?.[1] ?? "", text: (m?.[2] ?? "").replaceAll("&#39;", "'").replaceAll("&amp;", "&") };
}

/** The console with `listingId` picked as the offer, as the server draws it. */
async function pickedPage(manager: TestUser, productId: string, listingId: string): Promise<string> {
  const res = await api(`/deals-console?product=${productId}&listing=${listingId}`, { headers: manager.headers });
  expect(res.status).toBe(200);
  return res.text();
}

/** The create form's listing field, units field and units hint, as console.js finds them. */
function createForm(listingValue = "", hintAttrs: Record<string, string> = {}) {
  const listing = el("input", { name: "listing_id", type: "text", value: listingValue });
  const units = el("input", { name: "units", type: "number", min: "1" });
  const hint = el(
    "p",
    { class: "field-hint", id: "units-hint", "data-units-hint": UNITS_HINT_UNKNOWN, ...hintAttrs },
    [],
    UNITS_HINT_UNKNOWN,
  );
  return { listing, units, hint, body: el("body", {}, [el("form", {}, [listing, units, hint])]) };
}

/** A fetch answering as the API does for `manager`, counting the reads. */
function apiAs(manager: TestUser) {
  const asked: string[] = [];
  const fetch = (url: string) => {
    asked.push(url);
    return api(url, { headers: manager.headers });
  };
  return { asked, fetch };
}

/** Types `value` into the listing field as a browser reports it: input, then change when the field is left. */
async function type(listing: FakeElement, value: string, opts: { leave: boolean }) {
  listing.value = value;
  await listing.dispatch("input");
  if (opts.leave) await listing.dispatch("change");
  await settle();
}

describe("the create form's units hint", () => {
  it("is drawn for a listing not picked yet with words true of any listing, which the script puts back", async () => {
    const manager = await createTestUser(["deal_manager"]);
    const page = await (await api("/deals-console", { headers: manager.headers })).text();
    expect(page).toContain('<script src="/static/console.js" type="module">');
    const hint = unitsHint(page);
    expect(hint.text).toBe(UNITS_HINT_UNKNOWN);
    expect(hint.tag).toContain(`data-units-hint="${UNITS_HINT_UNKNOWN}"`);
    expect(hint.tag).not.toContain("data-deal-units");
    expect(field(page, "units").input).toContain('aria-describedby="units-hint"');
    expect(field(page, "units").input).not.toContain("max=");
  });

  it("gives a listing id typed by hand the words and max the page gives the same listing picked", async () => {
    const s = await listingWith([50, 30]);
    const picked = await pickedPage(s.manager, s.productId, s.listingId);
    const drawn = unitsHint(picked);
    expect(drawn.text).toBe(
      "Up to 50 units can be carved from the listing's stock (of 80 units across 2 warehouses: a deal takes its units from one).",
    );
    expect(drawn.tag).toContain('data-deal-units="50"');
    expect(field(picked, "units").input).toContain('max="50"');

    const form = createForm();
    const { asked, fetch } = apiAs(s.manager);
    const browser = await runScript("console.js", { body: form.body, fetch });
    // Typing waits for a pause before reading.
    await type(form.listing, s.listingId, { leave: false });
    expect(asked).toEqual([]);
    await browser.fireTimers();
    expect(asked).toEqual([`/api/admin/inventory/deal-units?listing_id=${s.listingId}`]);
    expect(form.hint.textContent).toBe(drawn.text);
    expect(form.hint.getAttribute("data-deal-units")).toBe("50");
    expect(form.units.getAttribute("max")).toBe("50");
    // Leaving the field reads nothing more.
    await form.listing.dispatch("change");
    await settle();
    expect(asked).toHaveLength(1);
  });

  it("says, as the page does, that a listing with no stock has nothing to carve", async () => {
    const s = await listingWith([0]);
    const drawn = unitsHint(await pickedPage(s.manager, s.productId, s.listingId));
    expect(drawn.text).toBe("The listing has no units to carve for a deal.");

    const form = createForm();
    await runScript("console.js", { body: form.body, fetch: apiAs(s.manager).fetch });
    await type(form.listing, s.listingId, { leave: true });
    expect(form.hint.textContent).toBe(drawn.text);
    expect(form.units.getAttribute("max")).toBe("0");
  });

  it("clears the max and shows the words for an unknown stock for an unknown or withdrawn listing, or a malformed id", async () => {
    const s = await listingWith([12]);
    const withdrawn = await listingWith([40]);
    await createDb(env.DB).update(listings).set({ active: false }).where(eq(listings.id, withdrawn.listingId));
    const form = createForm();
    const { asked, fetch } = apiAs(s.manager);
    await runScript("console.js", { body: form.body, fetch });

    for (const other of ["lst_nosuchlisting", withdrawn.listingId, "not a listing id!"]) {
      await type(form.listing, s.listingId, { leave: true });
      expect(form.units.getAttribute("max")).toBe("12");
      expect(form.hint.textContent).toBe("Up to 12 units can be carved from the listing's stock.");

      await type(form.listing, other, { leave: true });
      expect(form.units.getAttribute("max")).toBeNull();
      expect(form.hint.getAttribute("data-deal-units")).toBeNull();
      expect(form.hint.textContent).toBe(UNITS_HINT_UNKNOWN);
    }
    // A malformed id is not sent.
    expect(asked.filter((url) => url.includes("not"))).toEqual([]);
  });

  it("never shows a figure from another listing: while the next is read, or when the read fails", async () => {
    const s = await listingWith([12]);
    const form = createForm();
    let answer: (url: string) => Promise<Response> = (url) => api(url, { headers: s.manager.headers });
    await runScript("console.js", { body: form.body, fetch: (url) => answer(url) });
    await type(form.listing, s.listingId, { leave: true });
    expect(form.units.getAttribute("max")).toBe("12");

    // The first keystroke of another id drops the figure at once.
    form.listing.value = `${s.listingId}x`;
    await form.listing.dispatch("input");
    expect(form.units.getAttribute("max")).toBeNull();
    expect(form.hint.textContent).toBe(UNITS_HINT_UNKNOWN);

    for (const failure of [() => Promise.resolve(new Response("", { status: 500 })), () => Promise.reject(new TypeError("offline"))]) {
      await type(form.listing, s.listingId, { leave: true });
      expect(form.units.getAttribute("max")).toBe("12");
      answer = failure;
      await type(form.listing, "lst_another", { leave: true });
      expect(form.units.getAttribute("max")).toBeNull();
      expect(form.hint.textContent).toBe(UNITS_HINT_UNKNOWN);
      answer = (url) => api(url, { headers: s.manager.headers });
    }

    // A slow answer for an id the field has since moved off is dropped.
    let late: (r: Response) => void = () => {};
    answer = () => new Promise((resolve) => (late = resolve));
    await type(form.listing, "lst_slow", { leave: true });
    await type(form.listing, "", { leave: true });
    late(Response.json({ items: [{ listing_id: "lst_slow", deal_units: 7, available: 7, warehouses: 1, active: true }] }));
    await settle();
    expect(form.units.getAttribute("max")).toBeNull();
    expect(form.hint.textContent).toBe(UNITS_HINT_UNKNOWN);
  });

  it("reads the stock of a typed id the form came back with, and leaves a figure the page drew", async () => {
    const s = await listingWith([9]);
    const refused = createForm(s.listingId);
    await runScript("console.js", { body: refused.body, fetch: apiAs(s.manager).fetch });
    expect(refused.units.getAttribute("max")).toBe("9");
    expect(refused.hint.textContent).toBe("Up to 9 units can be carved from the listing's stock.");

    const drawn = createForm(s.listingId, { "data-deal-units": "9" });
    const { asked, fetch } = apiAs(s.manager);
    await runScript("console.js", { body: drawn.body, fetch });
    expect(asked).toEqual([]);
  });
});

describe("the picked offer's hints", () => {
  it("are drawn for the picked listing, hidden while another id is typed over it, and shown again when it is back", async () => {
    const s = await listingWith([12]);
    const picked = await pickedPage(s.manager, s.productId, s.listingId);
    // Both the listing's and the deal price's hints name the listing they describe.
    expect(picked.match(new RegExp(`data-chosen-for="${s.listingId}"`, "g"))).toHaveLength(2);

    const form = createForm(s.listingId, { "data-deal-units": "12" });
    const offer = el("p", { class: "field-hint", id: "listing_id-hint", "data-chosen-offer": "", "data-chosen-for": s.listingId });
    const price = el("p", { class: "field-hint", id: "deal_price-hint", "data-chosen-for": s.listingId });
    form.body.append(offer, price);
    await runScript("console.js", { body: form.body, fetch: apiAs(s.manager).fetch });

    form.listing.value = "lst_another";
    await form.listing.dispatch("input");
    expect([offer.hidden, price.hidden]).toEqual([true, true]);
    await type(form.listing, s.listingId, { leave: true });
    expect([offer.hidden, price.hidden]).toEqual([false, false]);
    await type(form.listing, "lst_pasted", { leave: false });
    await form.listing.dispatch("change");
    expect([offer.hidden, price.hidden]).toEqual([true, true]);
  });
});

describe("GET /api/admin/inventory/deal-units", () => {
  it("tells a listing on sale without stock from an unknown or withdrawn one", async () => {
    const empty = await listingWith([]);
    const withdrawn = await listingWith([5]);
    await createDb(env.DB).update(listings).set({ active: false }).where(eq(listings.id, withdrawn.listingId));
    const path = `/api/admin/inventory/deal-units?listing_id=${empty.listingId}&listing_id=lst_nosuchlisting&listing_id=${withdrawn.listingId}`;
    const res = await api(path, { headers: empty.manager.headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      items: [
        { listing_id: empty.listingId, deal_units: 0, available: 0, warehouses: 0, active: true },
        { listing_id: "lst_nosuchlisting", deal_units: 0, available: 0, warehouses: 0, active: false },
        { listing_id: withdrawn.listingId, deal_units: 5, available: 5, warehouses: 1, active: false },
      ],
    });
  });
});

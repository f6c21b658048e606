import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { stockedListing } from "../checkout/support";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { browserSession, checkoutFields, postForm } from "../helpers/forms";
import { api, ORIGIN } from "../helpers/http";
import { seedOrder, timesFrom, unkeyedAddressId } from "../orders/seed";

const HOME = { name: "Asha Rao", phone: "9876543210", line1: "12 MG Road", city: "Bengaluru", state: "Karnataka", pincode: "560001" };
const OFFICE = {
  name: "Asha Rao",
  phone: "9876543210",
  line1: "Prestige Tech Park",
  line2: "Outer Ring Road",
  city: "Bengaluru",
  state: "Karnataka",
  pincode: "560103",
};
const ADDRESS_FIELDS = ["name", "phone", "line1", "line2", "city", "state", "pincode"] as const;

/** A signed-in browser whose cart holds a listing, having ordered to `addresses` before (oldest first). */
async function shopper(addresses: Record<string, string>[] = []): Promise<{ user: TestUser; cookie: string; csrf: string }> {
  const user = await createTestUser();
  const f = await stockedListing(10);
  const put = await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
  expect(put.status).toBe(200);
  const times = timesFrom("2025-04-01T10:00:00.000Z", addresses.length);
  for (const [i, address] of addresses.entries())
    await seedOrder({ userId: user.id, status: "delivered", at: times[i] as string, address });
  return { user, ...(await browserSession(user)) };
}

/** The ids the API gives the shopper's saved addresses, most recently used first. */
async function savedIds(user: TestUser): Promise<string[]> {
  const res = await api("/api/me/addresses", { headers: user.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { id: string }[] }).items.map((a) => a.id);
}

async function checkoutPage(cookie: string, query = ""): Promise<string> {
  const res = await api(`/checkout${query}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The address fields as the form shows them. */
function fieldValues(html: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of ADDRESS_FIELDS) {
    const input = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0] ?? "";
    values[name] = /\bvalue="([^"]*)"/.exec(input)?.[1] ?? "";
  }
  return values;
}

const filled = (a: Record<string, string>) => ({ line2: "", ...a });
const summaryOf = {
  HOME: "Asha Rao, 12 MG Road, Bengaluru 560001",
  OFFICE: "Asha Rao, Prestige Tech Park, Outer Ring Road, Bengaluru 560103",
};
const EMPTY = Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, ""]));

/** The "Deliver to" links: their text, where they go and whether they are the chosen one. */
function choices(html: string): { text: string; href: string; current: boolean }[] {
  const list = /<ul class="chips" aria-labelledby="deliver-to">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<a href="([^"]*)"( aria-current="true")?>([^<]*)<\/a>/g)].map((m) => ({
    href: (m[1] ?? "").replaceAll("&amp;", "&"),
    current: Boolean(m[2]),
    text: m[3] ?? "",
  }));
}

describe("checkout for a returning shopper", () => {
  it("starts from the most recently used address, and offers each saved one and a new one", async () => {
    const { user, cookie } = await shopper([HOME, OFFICE]);
    const [officeId, homeId] = await savedIds(user);
    const html = await checkoutPage(cookie);
    expect(fieldValues(html)).toEqual(filled(OFFICE));
    expect(html).toContain('<p id="deliver-to">Deliver to</p>');
    // Each saved address is named by its id from the API, not by its place in the list.
    expect(choices(html)).toEqual([
      { text: summaryOf.OFFICE, href: `/checkout?address=${officeId}`, current: true },
      { text: summaryOf.HOME, href: `/checkout?address=${homeId}`, current: false },
      { text: "New address", href: "/checkout?address=new", current: false },
    ]);
    // The CSP forbids inline styles and scripts; the choices are plain links.
    expect(html).not.toMatch(/\sstyle=|<style\b|<script(?![^>]*\bsrc=)/);
  });

  it("fills in the address the shopper chose, and keeps the flash deal's admission in every choice", async () => {
    const { user, cookie } = await shopper([HOME, OFFICE]);
    const [officeId, homeId] = await savedIds(user);
    const html = await checkoutPage(cookie, `?admission_token=adm-token-1&deal=dl_flash&address=${homeId}`);
    expect(fieldValues(html)).toEqual(filled(HOME));
    expect(html).toContain('name="admission_token" value="adm-token-1"');
    expect(choices(html).map((c) => [c.href, c.current])).toEqual([
      [`/checkout?admission_token=adm-token-1&deal=dl_flash&address=${officeId}`, false],
      [`/checkout?admission_token=adm-token-1&deal=dl_flash&address=${homeId}`, true],
      ["/checkout?admission_token=adm-token-1&deal=dl_flash&address=new", false],
    ]);
  });

  it("fills in the address a link named even after an order placed meanwhile moved it down the list", async () => {
    const { user, cookie } = await shopper([HOME, OFFICE]);
    const drawn = choices(await checkoutPage(cookie, "?admission_token=adm-token-3"));
    expect(drawn[1]?.text).toBe(summaryOf.HOME);
    const homeLink = drawn[1]?.href ?? "";

    // Another tab orders to a third address: it now leads the list and the others move down one.
    const ELSEWHERE = { ...HOME, line1: "4 Lavelle Road", pincode: "560002" };
    await seedOrder({ userId: user.id, status: "confirmed", at: "2025-04-02T10:00:00.000Z", address: ELSEWHERE });

    const html = await checkoutPage(cookie, homeLink.slice("/checkout".length));
    expect(fieldValues(html)).toEqual(filled(HOME));
    expect(html).toContain('name="admission_token" value="adm-token-3"');
    const now = choices(html);
    // The second place, which a position-based link would have named, is now the office.
    expect(now.map((c) => c.text)).toEqual(["Asha Rao, 4 Lavelle Road, Bengaluru 560002", summaryOf.OFFICE, summaryOf.HOME, "New address"]);
    expect(now.find((c) => c.current)).toEqual({ text: summaryOf.HOME, href: homeLink, current: true });
  });

  it("gives empty fields for a new address", async () => {
    const { cookie } = await shopper([HOME, OFFICE]);
    const html = await checkoutPage(cookie, "?address=new");
    expect(fieldValues(html)).toEqual(EMPTY);
    expect(choices(html).find((c) => c.current)?.text).toBe("New address");
  });

  it("starts from the most recent address when the id is not one of the shopper's", async () => {
    const { cookie } = await shopper([HOME, OFFICE]);
    const other = await shopper([{ ...HOME, line1: "9 Brigade Road" }]);
    const [othersId] = await savedIds(other.user);
    // A well-formed id no address has, another shopper's address, a position from an old link, and
    // the home address's id from before ids were keyed.
    for (const stale of ["0123456789abcdef", othersId, "2", await unkeyedAddressId(HOME)]) {
      const html = await checkoutPage(cookie, `?address=${stale}`);
      expect(fieldValues(html)).toEqual(filled(OFFICE));
      expect(choices(html).find((c) => c.current)?.text).toBe(summaryOf.OFFICE);
    }
  });

  it("takes any odd or overlong address value as an unknown one, without echoing it", async () => {
    const { user, cookie } = await shopper([HOME, OFFICE]);
    const [officeId, homeId] = await savedIds(user);
    const odd = [
      "x".repeat(4000),
      "",
      "%E0%A4", // a broken UTF-8 escape
      encodeURIComponent('"><script>alert(1)</script>'),
      `${homeId}0`, // an id with more after it
      homeId?.slice(0, 15), // the start of an id
      homeId?.toUpperCase(),
      "__proto__",
      "-1",
      encodeURIComponent(`${homeId}\n`),
    ];
    for (const value of odd) {
      const html = await checkoutPage(cookie, `?admission_token=adm-token-4&address=${value}`);
      expect(fieldValues(html)).toEqual(filled(OFFICE));
      expect(html).not.toContain("alert(1)");
      expect(html).not.toContain("xxxxxxxx");
      // Each link names one address of the list, whatever the value it was opened with.
      expect(choices(html).map((c) => c.href)).toEqual(
        [officeId, homeId, "new"].map((a) => `/checkout?admission_token=adm-token-4&address=${a}`),
      );
    }
    // Repeated, the first value counts (as for any query parameter), and the links carry one.
    const html = await checkoutPage(cookie, `?address=${homeId}&address=new&address=${officeId}`);
    expect(fieldValues(html)).toEqual(filled(HOME));
    expect(choices(html).map((c) => c.href)).toEqual([officeId, homeId, "new"].map((a) => `/checkout?address=${a}`));
  });

  it("fills in a single saved address and still offers a new one", async () => {
    const { cookie } = await shopper([HOME]);
    const html = await checkoutPage(cookie);
    expect(fieldValues(html)).toEqual(filled(HOME));
    expect(html).toContain('<p id="deliver-to">Deliver to</p>');
    expect(fieldValues(await checkoutPage(cookie, "?address=new"))).toEqual(EMPTY);
  });

  it("shows a first-time shopper empty fields and no choices", async () => {
    const { cookie } = await shopper();
    const html = await checkoutPage(cookie);
    expect(fieldValues(html)).toEqual(EMPTY);
    expect(html).not.toContain("Deliver to");
    // Even when a link from another account or an old page names an address.
    expect(fieldValues(await checkoutPage(cookie, "?address=0123456789abcdef"))).toEqual(EMPTY);
  });

  it("shows what is being paid for before the address form, so a phone need not scroll past the form to see it", async () => {
    const { cookie } = await shopper();
    const html = await checkoutPage(cookie);
    const summary = html.indexOf('aria-label="Order summary"');
    expect(summary).toBeGreaterThan(-1);
    expect(summary).toBeLessThan(html.indexOf("<legend>Delivery address</legend>"));
  });

  it("sends a guest to sign in before any address is shown", async () => {
    const res = await exports.default.fetch(new Request(`${ORIGIN}/checkout?address=0123456789abcdef`, { redirect: "manual" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?why=checkout&next=%2Fcheckout%3Faddress%3D0123456789abcdef");
  });

  it("keeps what the shopper submitted after a validation error, not the saved address", async () => {
    const { user, cookie, csrf } = await shopper([HOME, OFFICE]);
    const [officeId, homeId] = await savedIds(user);
    const typed = { name: "Ravi Kumar", phone: "9123456780", line1: "7 Park Street", line2: "", city: "Kolkata", state: "West Bengal" };
    const res = await postForm("/checkout", checkoutFields(csrf, { ...typed, pincode: "12345", admission_token: "adm-token-2" }), cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter a 6-digit PIN code");
    expect(fieldValues(html)).toEqual({ ...typed, pincode: "12345" });
    expect(html).toMatch(/data-submit[^>]*>Place order and pay ₹/);

    // Cash on delivery chosen: the button does not ask to pay now.
    const cod = await postForm("/checkout", checkoutFields(csrf, { ...typed, pincode: "12345", payment_method: "cod" }), cookie);
    expect(await cod.text()).toMatch(/data-submit[^>]*>Place order: pay ₹[\d,]+ on delivery</);
    // Choosing a saved address from here still carries the admission the form held.
    expect(choices(html).map((c) => [c.href, c.current])).toEqual([
      [`/checkout?admission_token=adm-token-2&address=${officeId}`, false],
      [`/checkout?admission_token=adm-token-2&address=${homeId}`, false],
      ["/checkout?admission_token=adm-token-2&address=new", false],
    ]);
  });
});

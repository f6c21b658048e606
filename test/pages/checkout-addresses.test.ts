import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { stockedListing } from "../checkout/support";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { browserSession, checkoutFields, postForm } from "../helpers/forms";
import { api, ORIGIN } from "../helpers/http";
import { seedOrder, timesFrom } from "../orders/seed";

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
    const { cookie } = await shopper([HOME, OFFICE]);
    const html = await checkoutPage(cookie);
    expect(fieldValues(html)).toEqual(filled(OFFICE));
    expect(html).toContain('<p id="deliver-to">Deliver to</p>');
    expect(choices(html)).toEqual([
      { text: "Asha Rao, Prestige Tech Park, Outer Ring Road, Bengaluru 560103", href: "/checkout?address=1", current: true },
      { text: "Asha Rao, 12 MG Road, Bengaluru 560001", href: "/checkout?address=2", current: false },
      { text: "New address", href: "/checkout?address=new", current: false },
    ]);
    // The CSP forbids inline styles and scripts; the choices are plain links.
    expect(html).not.toMatch(/\sstyle=|<style\b|<script(?![^>]*\bsrc=)/);
  });

  it("fills in the address the shopper chose, and keeps the flash deal's admission in every choice", async () => {
    const { cookie } = await shopper([HOME, OFFICE]);
    const html = await checkoutPage(cookie, "?admission_token=adm-token-1&deal=dl_flash&address=2");
    expect(fieldValues(html)).toEqual(filled(HOME));
    expect(html).toContain('name="admission_token" value="adm-token-1"');
    expect(choices(html).map((c) => [c.href, c.current])).toEqual([
      ["/checkout?admission_token=adm-token-1&deal=dl_flash&address=1", false],
      ["/checkout?admission_token=adm-token-1&deal=dl_flash&address=2", true],
      ["/checkout?admission_token=adm-token-1&deal=dl_flash&address=new", false],
    ]);
  });

  it("gives empty fields for a new address", async () => {
    const { cookie } = await shopper([HOME, OFFICE]);
    const html = await checkoutPage(cookie, "?address=new");
    expect(fieldValues(html)).toEqual(EMPTY);
    expect(choices(html).find((c) => c.current)?.text).toBe("New address");
  });

  it("starts from the most recent address when the choice is not one of the list", async () => {
    const { cookie } = await shopper([HOME, OFFICE]);
    expect(fieldValues(await checkoutPage(cookie, "?address=9"))).toEqual(filled(OFFICE));
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
  });

  it("sends a guest to sign in before any address is shown", async () => {
    const res = await exports.default.fetch(new Request(`${ORIGIN}/checkout?address=1`, { redirect: "manual" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?next=%2Fcheckout%3Faddress%3D1");
  });

  it("keeps what the shopper submitted after a validation error, not the saved address", async () => {
    const { cookie, csrf } = await shopper([HOME, OFFICE]);
    const typed = { name: "Ravi Kumar", phone: "9123456780", line1: "7 Park Street", line2: "", city: "Kolkata", state: "West Bengal" };
    const res = await postForm("/checkout", checkoutFields(csrf, { ...typed, pincode: "12345", admission_token: "adm-token-2" }), cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter a 6-digit PIN code");
    expect(fieldValues(html)).toEqual({ ...typed, pincode: "12345" });
    // Choosing a saved address from here still carries the admission the form held.
    expect(choices(html).map((c) => [c.href, c.current])).toEqual([
      ["/checkout?admission_token=adm-token-2&address=1", false],
      ["/checkout?admission_token=adm-token-2&address=2", false],
      ["/checkout?admission_token=adm-token-2&address=new", false],
    ]);
  });
});

import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_ADDED_ADDRESSES, MAX_SAVED_ADDRESSES } from "../../workers/orders/saved-addresses";
import { stockedListing } from "../checkout/support";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api, ORIGIN, readerText } from "../helpers/http";
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

/** A signed-in browser whose cart holds a listing, having ordered to `addresses` before (oldest first). */
async function shopper(addresses: Record<string, string>[]): Promise<{ user: TestUser; cookie: string; csrf: string }> {
  const user = await createTestUser();
  const f = await stockedListing(10);
  expect((await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } })).status).toBe(200);
  const times = timesFrom("2025-07-01T10:00:00.000Z", addresses.length);
  for (const [i, address] of addresses.entries())
    await seedOrder({ userId: user.id, status: "delivered", at: times[i] as string, address });
  return { user, ...(await browserSession(user)) };
}

async function page(path: string, cookie: string): Promise<string> {
  const res = await api(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The ids the API gives the shopper's saved addresses, most recently used first. */
async function savedIds(user: TestUser): Promise<string[]> {
  const res = await api("/api/me/addresses", { headers: user.headers });
  return ((await res.json()) as { items: { id: string }[] }).items.map((a) => a.id);
}

/** The account page's saved addresses as a reader hears them: each item's text, its Remove button's included. */
function addressItems(html: string): string[] {
  const list = /<ul class="saved-addresses">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => readerText(m[1] ?? "").trim());
}

/** The checkout page's "Deliver to" choices, as text. */
function checkoutChoices(html: string): string[] {
  const list = /<ul class="chips" aria-labelledby="deliver-to">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1] ?? "");
}

async function removalCount(userId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM forgotten_addresses WHERE user_id = ?").bind(userId).first<{ n: number }>();
  return row?.n ?? 0;
}

const removeMarker = (id: string) => `name="address_id" value="${id}"`;

describe("the account page's saved addresses", () => {
  it("gives each address a Remove button that says which address it removes", async () => {
    const { user, cookie, csrf } = await shopper([HOME, OFFICE]);
    const [officeId, homeId] = await savedIds(user);
    const html = await page("/account", cookie);
    expect(addressItems(html)).toEqual([
      "Asha Rao, Prestige Tech Park, Outer Ring Road, Bengaluru, Karnataka 560103 Correct Asha Rao, Prestige Tech Park, Outer Ring Road, Bengaluru, Karnataka 560103 Remove Asha Rao, Prestige Tech Park, Outer Ring Road, Bengaluru, Karnataka 560103 from your saved addresses",
      "Asha Rao, 12 MG Road, Bengaluru, Karnataka 560001 Correct Asha Rao, 12 MG Road, Bengaluru, Karnataka 560001 Remove Asha Rao, 12 MG Road, Bengaluru, Karnataka 560001 from your saved addresses",
    ]);
    expect(html).toContain(
      '<span class="visually-hidden"> Asha Rao, 12 MG Road, Bengaluru, Karnataka 560001 from your saved addresses</span>',
    );
    for (const id of [officeId, homeId] as string[]) {
      // A plain form post with the session's CSRF token: it works without scripts.
      expect(drawnForm(html, removeMarker(id))).toEqual({ action: "/account/addresses/remove", fields: { _csrf: csrf, address_id: id } });
    }
    expect(readerText(html)).toContain(
      "From your latest orders and the addresses you add, most recent first; checkout offers the 5 most recent. Removing one does not change past orders.",
    );
  });

  it("removes the address with the form, says so, and checkout no longer offers it", async () => {
    const { user, cookie } = await shopper([HOME, OFFICE]);
    const [, homeId] = await savedIds(user);
    const before = await page("/checkout", cookie);
    expect(checkoutChoices(before)).toContain("Asha Rao, 12 MG Road, Bengaluru 560001");

    const form = drawnForm(await page("/account", cookie), removeMarker(homeId as string));
    const res = await postForm(form.action, form.fields, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?done=address_removed");

    const after = await page("/account?done=address_removed", cookie);
    expect(after).toMatch(/<p class="panel ok" role="status">Address removed\. Checkout no longer offers it\.<\/p>/);
    expect(addressItems(after).map((t) => t.split(" Correct ")[0])).toEqual([
      "Asha Rao, Prestige Tech Park, Outer Ring Road, Bengaluru, Karnataka 560103",
    ]);
    expect(await savedIds(user)).not.toContain(homeId);
    expect(checkoutChoices(await page("/checkout", cookie))).toEqual([
      "Asha Rao, Prestige Tech Park, Outer Ring Road, Bengaluru 560103",
      "New address",
    ]);
    // Nor does a link drawn before the removal fill it in.
    expect(await page(`/checkout?address=${homeId}`, cookie)).not.toContain('value="12 MG Road"');
  });

  it("says so when the address was removed already, in another tab, and writes nothing more", async () => {
    const { user, cookie } = await shopper([HOME, OFFICE]);
    const [, homeId] = await savedIds(user);
    const form = drawnForm(await page("/account", cookie), removeMarker(homeId as string));
    expect((await postForm(form.action, form.fields, cookie)).status).toBe(303);
    const stamped = await env.DB.prepare("SELECT forgotten_at FROM forgotten_addresses WHERE user_id = ?").bind(user.id).first();

    const again = await postForm(form.action, form.fields, cookie);
    expect(again.status).toBe(404);
    const html = await again.text();
    expect(html).toContain("That address is not among your saved addresses now.");
    expect(addressItems(html)).toHaveLength(1);
    expect(await env.DB.prepare("SELECT forgotten_at FROM forgotten_addresses WHERE user_id = ?").bind(user.id).first()).toEqual(stamped);
  });

  it(`lists all ${MAX_ADDED_ADDRESSES} added addresses at the cap, each removable, after which adding works again; checkout still offers ${MAX_SAVED_ADDRESSES}`, async () => {
    const { user, cookie } = await shopper([HOME]);
    const street = (i: number) => ({ ...HOME, line1: `${i} Residency Road` });
    for (let i = 0; i < MAX_ADDED_ADDRESSES; i++) {
      const res = await api("/api/me/addresses", { method: "POST", headers: user.headers, body: street(i) });
      expect(res.status).toBe(201);
    }
    // A second apart, after the order to HOME, so newest first is one order however fast the adds ran.
    const times = timesFrom("2025-08-01T10:00:00.000Z", MAX_ADDED_ADDRESSES);
    for (let i = 0; i < MAX_ADDED_ADDRESSES; i++) {
      await env.DB.prepare("UPDATE added_addresses SET added_at = ?3 WHERE user_id = ?1 AND json_extract(address, '$.line1') = ?2")
        .bind(user.id, street(i).line1, times[i])
        .run();
    }
    // The latest order goes to OFFICE, so the list mixes an order's address with the added ones.
    await seedOrder({ userId: user.id, status: "delivered", at: "2025-09-01T10:00:00.000Z", address: OFFICE });
    const line = (i: number) => `Asha Rao, ${i} Residency Road, Bengaluru, Karnataka 560001`;
    const newestAdded = Array.from({ length: MAX_ADDED_ADDRESSES }, (_, i) => line(MAX_ADDED_ADDRESSES - 1 - i));

    const html = await page("/account", cookie);
    // Every added address, newest first, after the order's; HOME, older than checkout's five and never added, is not among them.
    expect(addressItems(html).map((t) => t.split(" Correct ")[0])).toEqual([
      "Asha Rao, Prestige Tech Park, Outer Ring Road, Bengaluru, Karnataka 560103",
      ...newestAdded,
    ]);
    expect(checkoutChoices(await page("/checkout", cookie))).toEqual([
      "Asha Rao, Prestige Tech Park, Outer Ring Road, Bengaluru 560103",
      ...[19, 18, 17, 16].map((i) => `Asha Rao, ${i} Residency Road, Bengaluru 560001`),
      "New address",
    ]);

    // Each has its Remove form; the oldest added, far past what checkout offers, is removed with it.
    const all = ((await (await api("/api/me/addresses?scope=all", { headers: user.headers })).json()) as { items: { id: string }[] }).items;
    expect(all).toHaveLength(MAX_ADDED_ADDRESSES + 1);
    for (const a of all) expect(drawnForm(html, removeMarker(a.id)).action).toBe("/account/addresses/remove");
    const oldest = drawnForm(html, removeMarker(all.at(-1)?.id as string));
    const removed = await postForm(oldest.action, oldest.fields, cookie);
    expect(removed.status).toBe(303);
    expect(addressItems(await page("/account", cookie)).map((t) => t.split(" Correct ")[0])).not.toContain(line(0));

    // Room again: the add form takes a new address.
    const parents = {
      name: "Suresh Rao",
      phone: "9845012345",
      line1: "4 Temple Street",
      city: "Mysuru",
      state: "Karnataka",
      pincode: "570001",
    };
    const add = drawnForm(await page("/account", cookie), 'action="/account/addresses"');
    const added = await postForm(add.action, { ...add.fields, ...parents }, cookie);
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/account?done=address_added");
    expect(addressItems(await page("/account", cookie))[0]).toMatch(/^Suresh Rao, 4 Temple Street, Mysuru, Karnataka 570001 Correct/);
  });

  it("refuses a form without the CSRF token, and a signed-out visitor, writing nothing", async () => {
    const { user, cookie } = await shopper([HOME]);
    const [homeId] = await savedIds(user);
    const noToken = await postForm("/account/addresses/remove", { address_id: homeId as string }, cookie);
    expect(noToken.status).toBe(403);

    const guest = await exports.default.fetch(
      new Request(`${ORIGIN}/account/addresses/remove`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: ORIGIN, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ address_id: homeId as string }).toString(),
      }),
    );
    expect(guest.status).toBe(303);
    expect(guest.headers.get("location")).toBe("/signin?why=form&next=%2Faccount");
    expect(await removalCount(user.id)).toBe(0);
    expect(await savedIds(user)).toEqual([homeId]);
  });
});

import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_ADDED_ADDRESSES } from "../../workers/orders/saved-addresses";
import { AddressFormFields } from "../../workers/pages/address-fields";
import { stockedListing } from "../checkout/support";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api, ORIGIN, readerText } from "../helpers/http";
import { seedOrder } from "../orders/seed";

const HOME = { name: "Asha Rao", phone: "9876543210", line1: "12 MG Road", city: "Bengaluru", state: "Karnataka", pincode: "560001" };
const PARENTS = {
  name: "Suresh Rao",
  phone: "9845012345",
  line1: "4 Temple Street",
  line2: "Near the bus stand",
  city: "Mysuru",
  state: "Karnataka",
  pincode: "570001",
};

const ADD_MARKER = 'action="/account/addresses"';

/** A signed-in browser whose cart holds a listing, having ordered to HOME before. */
async function shopper(): Promise<{ user: TestUser; cookie: string; csrf: string }> {
  const user = await createTestUser();
  const f = await stockedListing(10);
  expect((await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } })).status).toBe(200);
  await seedOrder({ userId: user.id, status: "delivered", at: "2025-07-01T10:00:00.000Z", address: HOME });
  return { user, ...(await browserSession(user)) };
}

async function page(path: string, cookie: string): Promise<string> {
  const res = await api(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The "Add an address" disclosure: its opening tag and everything in it. */
function addAddressBox(html: string): string {
  return /<details class="add-address"[^>]*>[\s\S]*?<\/details>/.exec(html)?.[0] ?? "";
}

/** The addresses section up to the "Add an address" disclosure. */
function beforeBox(html: string): string {
  return /<section class="panel" aria-labelledby="addresses-h"[^>]*>([\s\S]*?)<details class="add-address"/.exec(html)?.[1] ?? "";
}

/** A form's labelled inputs as a browser presents them: label, name, type, autocomplete, keyboard, required. */
function addressInputs(html: string): string[] {
  return [...html.matchAll(/<label class="field">([^<]*)<input([^>]*)>/g)]
    .map((m) => {
      const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(m[2] ?? "")?.[1] ?? "-";
      const required = /\srequired/.test(m[2] ?? "") ? "required" : "optional";
      return [m[1], attr("name"), attr("type"), attr("autocomplete"), attr("inputmode"), required].join(" | ");
    })
    .filter((row) => !row.includes("password"));
}

/** The account page's saved addresses, each as its address line. */
function savedLines(html: string): string[] {
  const list = /<ul class="saved-addresses">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<li><span>([^<]*)<\/span>/g)].map((m) => m[1] ?? "");
}

async function addedCount(userId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM added_addresses WHERE user_id = ?").bind(userId).first<{ n: number }>();
  return row?.n ?? 0;
}

const ADDRESS_INPUTS = [
  "Full name | name | text | name | - | required",
  "Mobile number | phone | tel | tel-national | numeric | required",
  "Flat, house, street | line1 | text | address-line1 | - | required",
  "Area, landmark (optional) | line2 | text | address-line2 | - | optional",
  "City | city | text | address-level2 | - | required",
  "State | state | text | address-level1 | - | required",
  "PIN code | pincode | text | postal-code | numeric | required",
];

describe("the account page's Add an address form", () => {
  it("asks for an address as checkout does, closed until opened, as a plain form post", async () => {
    const { cookie, csrf } = await shopper();
    const html = await page("/account", cookie);
    const box = addAddressBox(html);
    expect(box).toMatch(/^<details class="add-address"><summary>Add an address<\/summary>/);
    expect(addressInputs(box)).toEqual(ADDRESS_INPUTS);
    // Checkout's new-address form asks for the same fields with the same labels, autofill and keyboards.
    const checkout = await page("/checkout?address=new", cookie);
    const checkoutForm = /<legend>Delivery address<\/legend>[\s\S]*?<\/fieldset>/.exec(checkout)?.[0] ?? "";
    expect(addressInputs(checkoutForm)).toEqual(ADDRESS_INPUTS);

    expect(drawnForm(html, ADD_MARKER)).toEqual({
      action: "/account/addresses",
      fields: { _csrf: csrf, name: "", phone: "", line1: "", line2: "", city: "", state: "", pincode: "" },
    });
  });

  it("adds the address, says so, lists it first, and checkout offers and fills it", async () => {
    const { cookie } = await shopper();
    const form = drawnForm(await page("/account", cookie), ADD_MARKER);
    const res = await postForm(form.action, { ...form.fields, ...PARENTS }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?done=address_added");

    const after = await page("/account?done=address_added", cookie);
    expect(after).toMatch(/<p class="panel ok" role="status">Address added\. Checkout offers it first\.<\/p>/);
    expect(savedLines(after)).toEqual([
      "Suresh Rao, 4 Temple Street, Near the bus stand, Mysuru, Karnataka 570001",
      "Asha Rao, 12 MG Road, Bengaluru, Karnataka 560001",
    ]);
    // Closed again, and empty, ready for another.
    expect(addAddressBox(after)).toMatch(/^<details class="add-address"><summary>/);
    expect(readerText(after)).toContain(
      "From your latest orders and the addresses you add, most recent first; checkout offers the 5 most recent.",
    );

    const checkout = await page("/checkout", cookie);
    expect(checkout).toContain("Suresh Rao, 4 Temple Street, Near the bus stand, Mysuru 570001");
    expect(checkout).toContain('value="4 Temple Street"');
  });

  it("reads a mobile number as people write it, and keeps its 10 digits", async () => {
    for (const typed of ["98450 12345", "+91 98450 12345", "+919845012345", "098450-12345", " 9845012345 "]) {
      expect(AddressFormFields.phone.safeParse(typed)).toEqual({ success: true, data: "9845012345" });
    }
    for (const typed of ["12345", "5845012345", "+1 98450 12345", "call 9845012345"]) {
      expect(AddressFormFields.phone.safeParse(typed).success).toBe(false);
    }
    const { cookie } = await shopper();
    const form = drawnForm(await page("/account", cookie), ADD_MARKER);
    const res = await postForm(form.action, { ...form.fields, ...PARENTS, phone: "+91 98450 12345" }, cookie);
    expect(res.status).toBe(303);
    const checkout = await page("/checkout", cookie);
    expect(checkout).toContain('name="phone" type="tel" value="9845012345"');
  });

  it("shows each refused field's message beside it, keeps what was typed, and stores nothing", async () => {
    const { user, cookie } = await shopper();
    const form = drawnForm(await page("/account", cookie), ADD_MARKER);
    const res = await postForm(form.action, { ...form.fields, ...PARENTS, phone: "12345", city: "  ", pincode: "57000" }, cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    const box = addAddressBox(html);
    // Open, so the messages are seen without a click.
    expect(box).toMatch(/^<details class="add-address" open="">/);
    expect(box).toMatch(
      /<input name="phone" type="tel" value="12345" autocomplete="tel-national" inputmode="numeric" autofocus="" aria-invalid="true" aria-describedby="phone-err" required=""\/><span class="field-error" id="phone-err">Enter a 10-digit Indian mobile number<\/span>/,
    );
    expect(box).toMatch(/<input name="city"[^>]*aria-invalid="true"[^>]*\/><span class="field-error" id="city-err">Enter the city<\/span>/);
    expect(box).toMatch(
      /<input name="pincode" type="text" value="57000"[^>]*aria-invalid="true"[^>]*\/><span class="field-error" id="pincode-err">/,
    );
    expect(box).toMatch(/<input name="line1" type="text" value="4 Temple Street" autocomplete="address-line1" required=""\/><\/label>/);
    expect(box).toContain('value="Near the bus stand"');
    expect(box).toContain('value="Suresh Rao"');
    expect(box.match(/class="field-error"/g)).toHaveLength(3);

    expect(await addedCount(user.id)).toBe(0);
    expect(savedLines(html)).toEqual(["Asha Rao, 12 MG Road, Bengaluru, Karnataka 560001"]);
  });

  it("says beside the PIN code when it is not in the state chosen, and suggests the states", async () => {
    const { user, cookie } = await shopper();
    const form = drawnForm(await page("/account", cookie), ADD_MARKER);
    const res = await postForm(form.action, { ...form.fields, ...PARENTS, state: "Tamil Nadu" }, cookie);
    expect(res.status).toBe(400);
    const box = addAddressBox(await res.text());
    expect(box).toContain(
      '<span class="field-error" id="pincode-err">570001 is a PIN code in Karnataka, not Tamil Nadu: check the PIN code or the state</span>',
    );
    expect(box).toMatch(/<input name="state" type="text" value="Tamil Nadu" autocomplete="address-level1" list="address-states"/);
    expect(box).toContain('<datalist id="address-states"><option value="Andaman and Nicobar Islands"></option>');
    expect(await addedCount(user.id)).toBe(0);
  });

  it("says why when the account has added as many addresses as it keeps, keeping what was typed", async () => {
    const { user, cookie } = await shopper();
    for (let i = 0; i < MAX_ADDED_ADDRESSES; i++) {
      const res = await api("/api/me/addresses", {
        method: "POST",
        headers: user.headers,
        body: { ...HOME, line1: `${i} Residency Road` },
      });
      expect(res.status).toBe(201);
    }
    const form = drawnForm(await page("/account", cookie), ADD_MARKER);
    const res = await postForm(form.action, { ...form.fields, ...PARENTS }, cookie);
    expect(res.status).toBe(409);
    const html = await res.text();
    const box = addAddressBox(html);
    expect(box).toMatch(/^<details class="add-address" open="">/);
    // Said under the list of addresses, each with its Remove button, where one is chosen to make room.
    expect(beforeBox(html)).toMatch(
      new RegExp(
        `<ul class="saved-addresses">[\\s\\S]*</ul><p class="muted">[^<]*</p><p class="field-error" role="alert" data-addresses-full="true">You have added ${MAX_ADDED_ADDRESSES} addresses, the most an account keeps\\. Remove one you no longer use on your account page, then add this one\\.</p>$`,
      ),
    );
    expect(readerText(box)).not.toContain("the most an account keeps");
    expect(box).toContain('value="4 Temple Street"');
    expect(await addedCount(user.id)).toBe(MAX_ADDED_ADDRESSES);
  });

  it("refuses a form without the CSRF token, and a signed-out visitor, storing nothing", async () => {
    const { user, cookie } = await shopper();
    expect((await postForm("/account/addresses", PARENTS, cookie)).status).toBe(403);

    const guest = await exports.default.fetch(
      new Request(`${ORIGIN}/account/addresses`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: ORIGIN, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(PARENTS).toString(),
      }),
    );
    expect(guest.status).toBe(303);
    expect(guest.headers.get("location")).toBe("/signin?why=form&next=%2Faccount");
    expect(await addedCount(user.id)).toBe(0);
  });
});

describe("correcting a saved address from the account page", () => {
  it("opens the address filled in, and puts the correction in its place", async () => {
    const { user, cookie } = await shopper();
    const account = await page("/account", cookie);
    const [home] = ((await (await api("/api/me/addresses?scope=all", { headers: user.headers })).json()) as { items: { id: string }[] })
      .items;
    const link = `/account/addresses/${home!.id}/edit`;
    expect(account).toContain(
      `<a href="${link}">Correct<span class="visually-hidden"> Asha Rao, 12 MG Road, Bengaluru, Karnataka 560001</span></a>`,
    );
    const form = drawnForm(await page(link, cookie), `action="${link}"`);
    expect(form.fields).toMatchObject(HOME);

    const done = await postForm(form.action, { ...form.fields, line1: "12 MG Road, Flat 4B" }, cookie);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/account?done=address_corrected");
    const after = await page("/account?done=address_corrected", cookie);
    expect(readerText(after)).toContain("Address corrected. Checkout offers it in place of the old one.");
    expect(savedLines(after)).toEqual(["Asha Rao, 12 MG Road, Flat 4B, Bengaluru, Karnataka 560001"]);
  });

  it("says each mistake beside its field with what was typed, and an address gone since as gone", async () => {
    const { user, cookie } = await shopper();
    const [home] = ((await (await api("/api/me/addresses?scope=all", { headers: user.headers })).json()) as { items: { id: string }[] })
      .items;
    const link = `/account/addresses/${home!.id}/edit`;
    const form = drawnForm(await page(link, cookie), `action="${link}"`);
    const refused = await postForm(form.action, { ...form.fields, state: "Kerala", phone: "123" }, cookie);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="pincode-err">560001 is a PIN code in Karnataka, not Kerala: check the PIN code or the state</span>');
    expect(html).toContain('id="phone-err">');
    expect(html).toContain('value="Kerala"');
    expect(await addedCount(user.id)).toBe(0);

    const removed = await api(`/api/me/addresses/${home!.id}`, { method: "DELETE", headers: user.headers });
    expect(removed.status).toBe(204);
    const gone = await api(link, { headers: { cookie } });
    expect(gone.status).toBe(404);
    expect(readerText(await gone.text())).toContain("That address is not among your saved addresses now");
    const late = await postForm(form.action, form.fields, cookie);
    expect(late.status).toBe(404);
    expect(await addedCount(user.id)).toBe(0);
  });
});

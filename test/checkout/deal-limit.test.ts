import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { gateFor } from "../../workers/deals/gate-client";
import { browserSession } from "../helpers/forms";
import { api, readerText } from "../helpers/http";
import { admissionFor, admittedShopper, checkoutFrom, guestBrowser } from "./deal-support";
import { pay, waitForStatus } from "./support";

/** Pays a placed checkout and waits for its order to be confirmed. */
async function paid(res: Response): Promise<void> {
  expect(res.status).toBe(201);
  const placed = (await res.json()) as { order_id: string; payment: { redirect_url: string } };
  await pay(placed.payment.redirect_url);
  await waitForStatus(placed.order_id, ["confirmed"]);
}

describe("a deal's per-shopper limit", () => {
  it("holds for an account however many guest identities it was admitted under", async () => {
    const { user, dealId, listingId } = await admittedShopper(1);
    // Joined from a browser with no cookie, admitted as a fresh guest, then signed in there to buy.
    const first = await guestBrowser();
    await paid(await checkoutFrom(user, first, await admissionFor(dealId, first.id)));

    // The same again from another fresh guest identity.
    await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const second = await guestBrowser();
    const again = await checkoutFrom(user, second, await admissionFor(dealId, second.id));
    expect(again.status).toBe(409);
    // Told it is their limit, not that the deal sold out: it has units left.
    expect(await again.json()).toMatchObject({
      type: "/problems/deal-unavailable",
      title: "This deal cannot be bought now",
      reason: "per_user_limit",
    });
    // Nor can that guest hold a unit on the deal page while signed in to the account.
    const hold = await api(`/api/deals/${dealId}/hold`, {
      headers: { ...user.headers, cookie: second.cookie },
      body: { admission_token: await admissionFor(dealId, second.id), qty: 1 },
    });
    expect(hold.status).toBe(409);
    // In words a client can show as they are, not the reason's code.
    expect(((await hold.json()) as { detail: string }).detail).toBe(
      "You already hold or have bought as many units of this deal as one shopper may buy.",
    );
    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 1, reserved: 0 });
    // Asking for more units than the limit at once is worded as that, held or not.
    const many = await api(`/api/deals/${dealId}/hold`, {
      headers: { ...user.headers, cookie: second.cookie },
      body: { admission_token: await admissionFor(dealId, second.id), qty: 3 },
    });
    expect(many.status).toBe(409);
    expect(((await many.json()) as { detail: string }).detail).toBe(
      "3 units is more than one shopper may buy of this deal, counting any you already hold or bought; ask for fewer.",
    );
  });

  it("counts a unit held on the deal page as a guest and bought signed in once, as the account's", async () => {
    const { user, dealId, listingId } = await admittedShopper(2);
    const browser = await guestBrowser();
    const asGuest = await admissionFor(dealId, browser.id);
    const held = await api(`/api/deals/${dealId}/hold`, {
      headers: { cookie: browser.cookie },
      body: { admission_token: asGuest, qty: 1 },
    });
    expect(held.status).toBe(201);
    // Signed in in the same browser: checkout takes the page's hold over rather than holding a second unit.
    const first = await checkoutFrom(user, browser, asGuest);
    expect((await gateFor(env, dealId).figures()).reserved).toBe(1);
    await paid(first);

    // Joined again after signing in, admitted under the account: the second unit of the limit.
    const asAccount = await admissionFor(dealId, user.id);
    const pageHold = await api(`/api/deals/${dealId}/hold`, { headers: user.headers, body: { admission_token: asAccount, qty: 1 } });
    expect(pageHold.status).toBe(201);
    await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    await paid(await checkoutFrom(user, null, asAccount));

    // The guest admission buys nothing more: both sales are the account's.
    await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const third = await checkoutFrom(user, browser, asGuest);
    expect(third.status).toBe(409);
    expect(await third.json()).toMatchObject({ reason: "per_user_limit" });
    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 2, reserved: 0 });
  });

  it("still holds for the account once its shopper signs out in the browser they bought in", async () => {
    const { user, dealId } = await admittedShopper(1);
    const browser = await guestBrowser();
    const token = await admissionFor(dealId, browser.id);
    // Signed in, the shopper holds on the deal page and buys it.
    const held = await api(`/api/deals/${dealId}/hold`, {
      headers: { ...user.headers, cookie: browser.cookie },
      body: { admission_token: token, qty: 1 },
    });
    expect(held.status).toBe(201);
    await paid(await checkoutFrom(user, browser, token));

    // Signed out, the same browser (same guest cookie, same admission) asks for another unit.
    const again = await api(`/api/deals/${dealId}/hold`, { headers: { cookie: browser.cookie }, body: { admission_token: token, qty: 1 } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ reason: "per_user_limit" });
    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 1, reserved: 0 });
  });

  it("warns at checkout that a unit held as a guest cannot be ordered by an account that has bought its limit", async () => {
    const { user, dealId, listingId } = await admittedShopper(1);
    await paid(await checkoutFrom(user, null, await admissionFor(dealId, user.id)));

    // Another browser, signed out: admitted and holding a unit as a guest, then signed in at checkout.
    const browser = await guestBrowser();
    const token = await admissionFor(dealId, browser.id);
    const held = await api(`/api/deals/${dealId}/hold`, { headers: { cookie: browser.cookie }, body: { admission_token: token, qty: 1 } });
    expect(held.status).toBe(201);
    await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const read = await api(`/api/deals/${dealId}/hold?admission_token=${encodeURIComponent(token)}`, {
      headers: { ...user.headers, cookie: browser.cookie },
    });
    expect(await read.json()).toMatchObject({ status: "held", over_limit: true });
    // Signed out, the same hold is the guest's own, with nothing against it.
    const asGuest = await api(`/api/deals/${dealId}/hold?admission_token=${encodeURIComponent(token)}`, {
      headers: { cookie: browser.cookie },
    });
    expect(await asGuest.json()).toMatchObject({ status: "held", over_limit: false });

    const { cookie } = await browserSession(user);
    const page = await (
      await api(`/checkout?admission_token=${encodeURIComponent(token)}`, { headers: { cookie: `${cookie}; ${browser.cookie}` } })
    ).text();
    const text = readerText(page);
    expect(text).toContain(
      "Your account already has this deal's limit per shopper of Test Phone 5G (8GB RAM, 128GB), so the unit held in this browser cannot be ordered.",
    );
    expect(text).not.toContain("is held for you until");
    // What placing it would answer, as the panel said.
    const refused = await checkoutFrom(user, browser, token);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ reason: "per_user_limit" });
  });
});

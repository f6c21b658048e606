import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { gateFor, holdIdFor } from "../../workers/deals/gate-client";
import { signAdmission } from "../../workers/deals/tickets";
import { admissionFor, admittedShopper } from "../checkout/deal-support";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { browserSession } from "../helpers/forms";
import { api } from "../helpers/http";

const TITLE = "Test Phone 5G (8GB RAM, 128GB)";
const LAPSED = `Your hold on ${TITLE} ran out.</strong> Units may still be left: place your order to try to get one.`;

/** The checkout page as the shopper's browser opens it from the waiting room. */
async function checkoutPage(cookie: string, token?: string): Promise<{ status: number; html: string }> {
  const query = token ? `?admission_token=${encodeURIComponent(token)}` : "";
  const res = await api(`/checkout${query}`, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
}

/** The hold notice panel on a checkout page, or null. */
function holdPanel(html: string): string | null {
  const start = html.indexOf("data-deal-hold=");
  return start < 0 ? null : html.slice(html.lastIndexOf("<section", start), html.indexOf("</section>", start));
}

/** An admitted shopper with the deal in their cart who took the deal page's hold, as the waiting room does. */
async function shopperHolding() {
  const s = await admittedShopper();
  const token = await admissionFor(s.dealId, s.user.id);
  const res = await api(`/api/deals/${s.dealId}/hold`, { headers: s.user.headers, body: { admission_token: token, qty: 1 } });
  expect(res.status).toBe(201);
  const { expires_at } = (await res.json()) as { expires_at: string };
  const { cookie } = await browserSession(s.user);
  return { ...s, token, cookie, expiresAt: expires_at, gate: gateFor(env, s.dealId) };
}

describe("the checkout page's deal hold clock", () => {
  it("shows an admitted shopper until when their unit is held, in IST, with a countdown to the hold's end, above the form", async () => {
    const { token, cookie, expiresAt, dealId } = await shopperHolding();
    const { status, html } = await checkoutPage(cookie, token);
    expect(status).toBe(200);
    const panel = holdPanel(html);
    const until = new Date(expiresAt).toLocaleTimeString("en-IN", { timeZone: "Asia/Kolkata", hour: "numeric", minute: "2-digit" });
    expect(panel).toContain(`data-deal-hold="${dealId}"`);
    expect(panel).toContain(`Your deal unit of ${TITLE} is held for you until ${until} IST.`);
    expect(panel).toMatch(/until \d{1,2}:\d{2} [ap]m IST\./);
    // What the panel turns to when the clock reaches zero (app.js): this hold lasts as long as the
    // turn, so placing the order after it would be refused; the shopper is sent back to the line.
    expect(panel).toContain(
      `<p data-after-lapse="" hidden=""><strong>Your hold on ${TITLE} ran out, and your turn from the waiting room with it.</strong>`,
    );
    expect(panel).toContain(`href="/deals/${dealId}">Go to the deal&#39;s waiting room</a>`);
    expect(panel).not.toContain("place your order to try");
    expect(panel).toContain(
      `<span data-ticking-text="Place your order within">Place your order by</span> <time datetime="${expiresAt}" data-countdown="${expiresAt}">`,
    );
    expect(html.indexOf("data-deal-hold=")).toBeLessThan(html.indexOf("data-checkout"));
  });

  it("offers the order still once a hold shorter than the shopper's turn runs out", async () => {
    const s = await admittedShopper();
    // A turn of 20 minutes: the deal's 10-minute hold runs out well before it ends.
    const token = await signAdmission(env.TICKET_SECRET, s.dealId, s.user.id, Date.now() + 20 * 60_000);
    const held = await api(`/api/deals/${s.dealId}/hold`, { headers: s.user.headers, body: { admission_token: token, qty: 1 } });
    expect(held.status).toBe(201);
    const { cookie } = await browserSession(s.user);
    const panel = holdPanel((await checkoutPage(cookie, token)).html);
    expect(panel).toContain(`<p data-after-lapse="" hidden=""><strong>Your hold on ${TITLE} ran out.</strong> Units may still be left`);
    expect(panel).not.toContain("your turn from the waiting room with it");
  });

  it("says the clock stands still while the deal is paused, rather than counting down time that is not running", async () => {
    const { token, cookie, dealId, gate, user } = await shopperHolding();
    await gate.pause();
    const { status, html } = await checkoutPage(cookie, token);
    expect(status).toBe(200);
    const panel = holdPanel(html);
    expect(panel).toContain('data-hold-state="paused"');
    expect(panel).toContain(`The deal is paused for a moment, so the time to buy your unit of ${TITLE} is standing still.`);
    expect(panel).not.toContain("data-countdown");
    const read = await api(`/api/deals/${dealId}/hold?admission_token=${encodeURIComponent(token)}`, { headers: user.headers });
    expect(await read.json()).toMatchObject({ status: "held", paused: true });

    await gate.resume();
    expect(holdPanel((await checkoutPage(cookie, token)).html)).toContain("data-countdown");
  });

  it("warns the shopper once the hold was given back, and still offers the order", async () => {
    const { token, cookie, dealId, user, gate } = await shopperHolding();
    expect(await gate.release(await holdIdFor(dealId, user.id), "test")).toBe("done");
    const { status, html } = await checkoutPage(cookie, token);
    expect(status).toBe(200);
    expect(holdPanel(html)).toContain(LAPSED);
    expect(holdPanel(html)).not.toContain("data-countdown");
    expect(html).toContain("data-checkout");
  });

  it("warns the shopper once the hold's time ran out, before the gate has given it back, and gives back nothing itself", async () => {
    const { token, cookie, gate } = await shopperHolding();
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("UPDATE holds SET expires_at = ?", Date.now() - 1);
    });
    // As a gate woken after the hold's time: nothing in its memory says the hold is not due yet.
    await evictDurableObject(gate);
    const { html } = await checkoutPage(cookie, token);
    expect(holdPanel(html)).toContain(LAPSED);
    expect(await gate.figures()).toMatchObject({ reserved: 1, remaining: 4 });
  });

  it("tells an admitted shopper who holds nothing that no unit is held for them", async () => {
    const { user, dealId } = await admittedShopper();
    const { cookie } = await browserSession(user);
    const { html } = await checkoutPage(cookie, await admissionFor(dealId, user.id));
    expect(holdPanel(html)).toContain(`No unit of ${TITLE} is held for you.</strong> Units may still be left`);
  });

  it("tells a shopper who opens checkout after their turn ran out, before they fill in the form, and leads back to the waiting room", async () => {
    const { cookie, dealId, user } = await shopperHolding();
    // The turn the page was opened with ended a moment ago (a reload, or Back to this page).
    const spent = await signAdmission(env.TICKET_SECRET, dealId, user.id, Date.now() - 1_000);
    const { status, html } = await checkoutPage(cookie, spent);
    expect(status).toBe(200);
    const panel = holdPanel(html);
    expect(panel).toContain('data-hold-state="turn_over"');
    expect(panel).toContain(`Your turn from the waiting room for ${TITLE} has run out, or was given to another account.`);
    expect(panel).toContain(`href="/deals/${dealId}"`);
    expect(panel).toContain("Go to the deal&#39;s waiting room");
    expect(panel).not.toContain("place your order");
    // The same words checkout refuses the order with; this tab's stored admission is forgotten.
    expect(panel).toContain(`data-admission-refused="${dealId}"`);
  });

  it("says an admission issued to another shopper is not theirs to check out with, and the page still renders", async () => {
    const { cookie, dealId } = await shopperHolding();
    const { status, html } = await checkoutPage(cookie, await admissionFor(dealId, "usr_someone_else"));
    expect(status).toBe(200);
    expect(holdPanel(html)).toContain("has run out, or was given to another account.");
    expect(html).toContain("data-checkout");
  });

  it("shows nothing without an admission token, or for a cart without deal lines", async () => {
    const { cookie, dealId } = await shopperHolding();
    const bare = await checkoutPage(cookie);
    expect(bare.status).toBe(200);
    expect(holdPanel(bare.html)).toBeNull();

    const plain = await createListingFixture();
    const user = await createTestUser();
    await api(`/api/cart/items/${plain.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const session = await browserSession(user);
    const page = await checkoutPage(session.cookie, await admissionFor(dealId, user.id));
    expect(page.status).toBe(200);
    expect(holdPanel(page.html)).toBeNull();
    expect(page.html).toContain("data-checkout");
  });
});

import "../../public/static/order-poll.js";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { when } from "../../workers/pages/format";
import { createTestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { api, readerText } from "../helpers/http";
import { checkout, shopperWithCart, stockedListing } from "../checkout/support";
import { note } from "../notifications/support";
import { closeBrowser, el, runScript } from "./script-dom";

afterEach(() => closeBrowser());

type Placed = { order_id: string };
type Listed = { items: { id: string; created_at: string }[] };

// The store keeps India's time, but a shopper abroad, or buying a gift from another time zone,
// reads a bare "1:01 am" as their own clock's: every time a shopper is shown says its zone.
describe("times on the shopper's pages", () => {
  it("say IST on the order list, the order's timeline and the checkout's unpaid notice", async () => {
    const f = await stockedListing(10, 1299_00);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = (await (await checkout(user, crypto.randomUUID())).json()) as Placed;
    const placedAt = ((await (await api("/api/orders", { headers: user.headers })).json()) as Listed).items.find(
      (o) => o.id === placed.order_id,
    )!.created_at;
    const { cookie } = await browserSession(user);

    const list = await (await api("/orders", { headers: { cookie } })).text();
    const row = list.slice(
      list.indexOf(`data-order-id="${placed.order_id}"`),
      list.indexOf("</li>", list.indexOf(`data-order-id="${placed.order_id}"`)),
    );
    expect(readerText(row)).toContain(`${when(placedAt)} IST`);

    const page = await (await api(`/orders/${placed.order_id}`, { headers: { cookie } })).text();
    const timeline = page.slice(page.indexOf("data-timeline"), page.indexOf("</ol>", page.indexOf("data-timeline")));
    expect(readerText(timeline)).toContain(`Placed ${when(placedAt)} IST`);

    // Its cart went into the order, which waits for payment: checkout names it and when it was placed.
    const unpaid = readerText(await (await api("/checkout", { headers: { cookie } })).text());
    expect(unpaid).toContain(`placed ${when(placedAt)} IST, whose payment is not complete yet`);
  });

  it("say IST on the Updates page", async () => {
    const user = await createTestUser();
    await env.DB.batch(note(user.id, 1, 30));
    const at = (await env.DB.prepare("SELECT created_at FROM notifications WHERE user_id = ? LIMIT 1")
      .bind(user.id)
      .first<{ created_at: string }>())!.created_at;
    const { cookie } = await browserSession(user);
    const text = readerText(await (await api("/account/updates", { headers: { cookie } })).text());
    expect(text).toContain(`${when(at)} IST`);
  });

  it("say IST on a timeline an open order page redraws as the order moves", async () => {
    const at = new Date(Date.UTC(2026, 11, 1, 19, 31)).toISOString();
    const timeline = el("ol", { "data-timeline": "", "data-reasons-for": "" });
    const root = el("section", { "data-order-live": "ord_1", "data-status": "created", "data-status-words": "{}" }, [
      el("strong", { "data-order-status": "" }, [], "Placed"),
      timeline,
    ]);
    const browser = await runScript("order-live.js", {
      body: el("body", {}, [root]),
      fetch: () =>
        Promise.resolve(
          Response.json({
            id: "ord_1",
            status: "confirmed",
            timeline: [
              { from: null, to: "created", at },
              { from: "created", to: "confirmed", at },
            ],
          }),
        ),
      window: { bazaarOrderPoll: (globalThis as unknown as { bazaarOrderPoll: unknown }).bazaarOrderPoll },
    });
    await browser.fireTimers();
    const times = timeline.querySelectorAll("time").map((t) => t.textContent);
    expect(times).toEqual(["2 Dec 2026, 1:01 am IST", "2 Dec 2026, 1:01 am IST"]);
  });
});

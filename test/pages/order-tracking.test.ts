import "../../public/static/order-poll.js";
import { afterEach, describe, expect, it } from "vitest";
import { ORDER_STATUSES, ORDER_TRANSITIONS, type OrderStatus } from "../../workers/orders/state-machine";
import { env } from "cloudflare:workers";
import { api, readerText } from "../helpers/http";
import { ADDRESS, checkout, pay, shopperWithCart, stockedListing, waitForStatus } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { seedPicturedOrder } from "../orders/seed";
import { shopperStatusWords } from "../../workers/pages/format";
import { closeBrowser, el, runScript } from "./script-dom";

interface Failure {
  text: string;
  signIn?: boolean;
  retryMs: number | null;
}

// What public/static/order-poll.js publishes for order-live.js.
const { pollDelay, afterFailure, showsFor } = (
  globalThis as unknown as {
    bazaarOrderPoll: {
      pollDelay: (status: string, unchanged?: number) => number | null;
      afterFailure: (status: number, retryAfter: string | null, failures?: number, now?: number) => Failure;
      showsFor: (statuses: string, status: string) => boolean;
    };
  }
).bazaarOrderPoll;

const edges = (s: OrderStatus) => ORDER_TRANSITIONS[s];

describe("how often an order page asks about its order", () => {
  it("stops exactly at the statuses the state machine has no way out of", () => {
    for (const s of ORDER_STATUSES) expect(pollDelay(s) === null, s).toBe(edges(s).length === 0);
  });

  it("asks every few seconds while the checkout moves the order on, less often while it stays put", () => {
    const quick = ORDER_STATUSES.filter((s) =>
      edges(s).some((e) => e.by.includes("system") && e.to !== "cancelled" && e.to !== "refunded"),
    );
    expect(quick).toEqual(["created", "payment_authorized"]);
    for (const s of quick) {
      expect(pollDelay(s, 0)).toBe(3_000);
      expect(pollDelay(s, 1)).toBe(6_000);
      expect(pollDelay(s, 20)).toBe(15_000);
    }
  });

  it("asks rarely once the order is with its shopper or only a refund is left, and every quarter minute while people pack, ship and deliver", () => {
    // Past delivery, or cancelled: what is left is a refund, a return asked for and answered, or its
    // goods arriving back, days apart.
    const later = ["refunded", "return_requested", "return_received"];
    const settled = ORDER_STATUSES.filter(
      (s) => edges(s).length > 0 && edges(s).every((e) => later.includes(e.to) || s === "return_requested"),
    );
    expect(settled).toEqual(["delivered", "return_requested", "cancelled", "refunded"]);
    for (const s of settled) expect(pollDelay(s)).toBeGreaterThanOrEqual(300_000);
    for (const s of ["confirmed", "packed", "shipped"]) expect(pollDelay(s)).toBe(15_000);
  });
});

describe("what an order page says when updates fail", () => {
  it("tells a signed-out shopper to sign in, and stops", () => {
    const f = afterFailure(401, null);
    expect(f).toMatchObject({ signIn: true, retryMs: null });
    expect(f.text).toMatch(/signed out/);
  });

  it("waits as long as Retry-After asks when rate limited or busy, and says for how long", () => {
    const limited = afterFailure(429, "17");
    expect(limited.retryMs).toBe(17_000);
    expect(limited.text).toContain("asked too often");
    expect(limited.text).toContain("17 seconds");
    const now = Date.parse("2026-03-01T10:00:00Z");
    const busy = afterFailure(503, "Sun, 01 Mar 2026 10:00:45 GMT", 0, now);
    expect(busy.retryMs).toBe(45_000);
    expect(busy.text).toContain("very busy");
    expect(busy.text).toContain("45 seconds");
  });

  it("backs off and says so when offline or failing, and stops on an order it may not see", () => {
    expect(afterFailure(0, null, 0)).toMatchObject({ retryMs: 6_000 });
    expect(afterFailure(0, null, 0).text).toContain("offline");
    expect(afterFailure(500, null, 10)).toMatchObject({ retryMs: 60_000 });
    expect(afterFailure(429, null, 0).retryMs).toBe(6_000);
    expect(afterFailure(404, null).retryMs).toBeNull();
  });

  it("shows a stage's panel only while the order is at that stage", () => {
    expect(showsFor("created", "created")).toBe(true);
    expect(showsFor("created", "confirmed")).toBe(false);
    expect(showsFor("payment_authorized confirmed", "confirmed")).toBe(true);
  });
});

describe("the order page", () => {
  it("marks its stage panels so the payment prompt goes once the order is paid, and loads the polling rules first", async () => {
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = (await (await checkout(user, crypto.randomUUID())).json()) as { order_id: string; payment: { redirect_url: string } };
    const unpaid = await (await api(`/orders/${placed.order_id}`, { headers: user.headers })).text();
    expect(unpaid).toContain(`data-order-live="${placed.order_id}" data-status="created"`);
    expect(unpaid).toMatch(
      /<p class="panel" role="status" data-while-status="created" data-pay-deadline="[^"]+">Payment is not complete yet/,
    );
    expect(unpaid).toMatch(/data-while-status="payment_authorized confirmed" hidden/);
    expect(unpaid).toContain("data-live-notice");
    expect(unpaid).toMatch(/src="\/static\/order-poll.js"[^<]*<\/script><script src="\/static\/order-live.js"/);

    await pay(placed.payment.redirect_url);
    await waitForStatus(placed.order_id, ["confirmed"]);
    const paid = await (await api(`/orders/${placed.order_id}`, { headers: user.headers })).text();
    expect(paid).not.toContain("Payment is not complete yet");
    expect(paid).toMatch(/data-while-status="payment_authorized confirmed">Thank you!/);
  });

  it("says where the order goes and how it is paid, and what came back once it is cancelled", async () => {
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = (await (await checkout(user, crypto.randomUUID())).json()) as { order_id: string; payment: { redirect_url: string } };
    await pay(placed.payment.redirect_url);
    await waitForStatus(placed.order_id, ["confirmed"]);
    const paid = await (await api(`/orders/${placed.order_id}`, { headers: user.headers })).text();
    const address = /<address data-order-address="true">([\s\S]*?)<\/address>/.exec(paid)?.[1] ?? "";
    for (const line of [ADDRESS.name, ADDRESS.line1, ADDRESS.city, ADDRESS.pincode]) expect(address).toContain(line);
    // Town, state and PIN code on one line, as a parcel label has them; the phone says what it is.
    expect(address).toContain(`${ADDRESS.city}, ${ADDRESS.state} ${ADDRESS.pincode}<br/>`);
    expect(address).toContain(`Phone ${ADDRESS.phone}<br/>`);
    expect(paid).toMatch(/<p data-order-payment="true">Payment: UPI<\/p>/);

    const cancel = await api(`/api/orders/${placed.order_id}/cancel`, { method: "POST", headers: user.headers, body: {} });
    expect(cancel.status).toBe(200);
    await waitForStatus(placed.order_id, ["refunded"]);
    const refunded = await (await api(`/orders/${placed.order_id}`, { headers: user.headers })).text();
    expect(refunded).toMatch(/<p data-order-payment="true">Payment: UPI · ₹1,299 refunded<\/p>/);
  });

  it("shows each line with its product's picture beside it, or the lettered square when it has none", async () => {
    const user = await createTestUser();
    const { orderId, pictured } = await seedPicturedOrder(user.id);
    const page = await (await api(`/orders/${orderId}`, { headers: user.headers })).text();
    const items = /<ul class="order-items"[^>]*>([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? "";
    const lines = [...items.matchAll(/<li class="line-item">([\s\S]*?)<\/li>/g)].map((m) => m[1] ?? "");
    expect(lines).toHaveLength(3);
    const line = (title: string) => lines.find((l) => l.includes(title)) ?? "";
    // The picture sits in the same line as the words naming it; only that line has one.
    expect(line("Teal Phone")).toMatch(/^<span class="thumb small pictured"><img src="\/art\/phone\/teal\.svg" alt=""/);
    expect(line("Teal Phone")).toContain(`<a href="/products/${pictured.productId}">Teal Phone</a>`);
    expect(items.match(/<img /g)).toHaveLength(1);
    expect(line("Plain Kettle")).toMatch(/^<span class="thumb small" aria-hidden="true">P<\/span>/);
    expect(line("Old Lamp")).toMatch(/^<span class="thumb small" aria-hidden="true">O<\/span>/);
  });

  it("thanks the shopper on a newly confirmed order's page, and on a days-old one only says it is confirmed", async () => {
    const user = await createTestUser();
    const { orderId } = await seedPicturedOrder(user.id);
    const confirmation = async () =>
      readerText(
        /<p class="panel ok" role="status" data-while-status[^>]*>([\s\S]*?)<\/p>/.exec(
          await (await api(`/orders/${orderId}`, { headers: user.headers })).text(),
        )?.[1] ?? "",
      );
    expect(await confirmation()).toBe("Thank you! Your order is confirmed. We will let you know when it ships.");
    await env.DB.prepare("UPDATE orders SET created_at = ?2 WHERE id = ?1")
      .bind(orderId, new Date(Date.now() - 3 * 86_400_000).toISOString())
      .run();
    expect(await confirmation()).toBe("Your order is confirmed. We will let you know when it ships.");
  });
});

describe("an order's status in shoppers' words", () => {
  afterEach(closeBrowser);

  it("calls an unpaid order placed and awaiting payment, and an authorized payment received, on the order page and in the list", async () => {
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = (await (await checkout(user, crypto.randomUUID())).json()) as { order_id: string; payment: { redirect_url: string } };
    const unpaid = await (await api(`/orders/${placed.order_id}`, { headers: user.headers })).text();
    expect(unpaid).toMatch(/<strong class="status s-created" data-order-status[^>]*>Awaiting payment<\/strong>/);
    expect(unpaid).toMatch(/<li data-status="created"><strong>Placed<\/strong>/);
    expect(unpaid).not.toContain(">Created<");
    const list = await (await api("/orders", { headers: user.headers })).text();
    expect(list).toContain('<span class="status s-created">Awaiting payment</span>');

    await pay(placed.payment.redirect_url);
    await waitForStatus(placed.order_id, ["confirmed"]);
    const paid = await (await api(`/orders/${placed.order_id}`, { headers: user.headers })).text();
    expect(paid).toMatch(/<strong class="status s-confirmed" data-order-status[^>]*>Confirmed<\/strong>/);
    expect(paid).toMatch(/<li data-status="payment_authorized"><strong>Payment received<\/strong>/);
    // The page hands its words to order-live.js, which writes the status as it changes.
    expect(paid).toContain(`data-status-words="${JSON.stringify(shopperStatusWords("upi")).replaceAll('"', "&quot;")}"`);
  });

  it("keeps those words when the page updates itself", async () => {
    const status = el("strong", { "data-order-status": "" }, [], "Placed");
    const timeline = el("ol", { "data-timeline": "", "data-reasons-for": "payment_failed cancelled refunded" }, [
      el("li", { "data-status": "created" }, [el("strong", {}, [], "Placed")]),
    ]);
    const root = el(
      "section",
      { "data-order-live": "ord_1", "data-status": "created", "data-status-words": JSON.stringify(shopperStatusWords("upi")) },
      [status, timeline],
    );
    const at = "2026-12-01T10:00:00.000Z";
    const order = {
      id: "ord_1",
      status: "cancelled",
      timeline: [
        { to: "created", at, reason: "checkout" },
        { to: "payment_authorized", at: "2026-12-01T10:00:05.000Z", reason: "payment authorized by the provider" },
        { to: "cancelled", at: "2026-12-01T10:00:09.000Z", reason: "the courier cannot reach this PIN code" },
      ],
    };
    const browser = await runScript("order-live.js", {
      body: el("body", {}, [root]),
      fetch: () => Promise.resolve(Response.json(order)),
      window: { bazaarOrderPoll: (globalThis as unknown as { bazaarOrderPoll: unknown }).bazaarOrderPoll },
    });
    await browser.fireTimers();
    expect(status.textContent).toBe("Cancelled");
    expect(timeline.children.map((li) => li.children[0]?.textContent)).toEqual(["Placed", "Payment received", "Cancelled"]);
    // Only the setback says why.
    expect(timeline.children.map((li) => li.children[2]?.textContent ?? null)).toEqual([
      null,
      null,
      " — the courier cannot reach this PIN code",
    ]);
  });
});

describe("a cash on delivery order's page", () => {
  it("says cash on delivery was accepted rather than payment received, and keeps the system's notes to itself", async () => {
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = (await (await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "cod" })).json()) as {
      order_id: string;
    };
    await waitForStatus(placed.order_id, ["confirmed"]);
    const page = await (await api(`/orders/${placed.order_id}`, { headers: user.headers })).text();
    expect(page).toMatch(/<li data-status="payment_authorized"><strong>Cash on delivery accepted<\/strong>/);
    expect(page).not.toContain("Payment received");
    expect(page).toContain(`data-status-words="${JSON.stringify(shopperStatusWords("cod")).replaceAll('"', "&quot;")}"`);
    const timeline = /<ol class="timeline"[\s\S]*?<\/ol>/.exec(page)?.[0] ?? "";
    expect(timeline).not.toContain('class="muted"');

    // A setback keeps its reason.
    const cancel = await api(`/api/orders/${placed.order_id}/cancel`, {
      method: "POST",
      headers: user.headers,
      body: { reason: "ordered twice" },
    });
    expect(cancel.status).toBe(200);
    const cancelled = await (await api(`/orders/${placed.order_id}`, { headers: user.headers })).text();
    expect(cancelled).toMatch(
      /<li data-status="cancelled"><strong>Cancelled<\/strong> <time[^>]*>[^<]*<\/time><span class="muted"> — ordered twice<\/span>/,
    );
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { FALLBACK_MEMO_MS, forgetCourierCalendar, loadCourierCalendar } from "../../workers/delivery/courier-calendar";
import { deliveryDateLabel, dispatchDate } from "../../workers/delivery/estimate";
import { MIGRATED_HOLIDAYS, resetCourierCalendarEachTest } from "../helpers/courier-calendar";
import { envFailingReads } from "../helpers/d1-interpose";
import {
  notifySellersForEvent,
  packByDate,
  type SellerNotice,
  SELLER_RETURNS_LINK,
  sellerEventId,
  sellerOrderKind,
  sellerOrderPath,
  sellerOrderText,
} from "../../workers/sellers/order-notifications";
import {
  ADDRESS,
  checkout,
  pay,
  placeWithoutSaga,
  shopperWithCart,
  stockedListing,
  waitForSagaEnd,
  waitForStatus,
} from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { api, readerText } from "../helpers/http";
import { lineOf, move, paidPackedOrder, shopperAndOps, taxedListing } from "../invoices/support";
import { mailSpy } from "../notifications/support";
import { askReturn } from "../orders/returns-seed";
import { mustMove, twoSellerDelivered } from "./returned-order";
import { deliver, eventsFor } from "../orders/order-events";

interface Row {
  user_id: string;
  channel: string;
  kind: string;
  subject: string;
  body: string;
  link: string;
  email_state: string | null;
}

/** What the user was told of the order, email rows first. */
async function toldOf(orderId: string, userId: string): Promise<Row[]> {
  const { results } = await env.DB.prepare(
    `SELECT user_id, channel, kind, subject, body, link, email_state FROM notifications
     WHERE order_id = ? AND user_id = ? ORDER BY channel, id`,
  )
    .bind(orderId, userId)
    .all<Row>();
  return results;
}

async function titled(f: { productId: string }, title: string) {
  await env.DB.prepare("UPDATE products SET title = ? WHERE id = ?").bind(title, f.productId).run();
}

const IPHONE = "Apple iPhone 15 (Black, 128GB)";
const CASE = "Spigen Liquid Air Case for iPhone 15";
const IRON = "Philips Steam Iron GC1905";

/**
 * A confirmed order from checkout of seller A's phone (2) and case (1) and seller B's iron (1), with
 * two users of seller A and one of seller B, who exist before the order so the live queue may tell them too.
 */
async function twoSellerConfirmedOrder() {
  const phone = await stockedListing(10, 129900);
  const kase = await stockedListing(10, 4900);
  const iron = await stockedListing(10, 249900);
  await titled(phone, IPHONE);
  await titled(kase, CASE);
  await titled(iron, IRON);
  // The case is seller A's second listing.
  await env.DB.prepare("UPDATE listings SET seller_id = ? WHERE id = ?").bind(phone.sellerId, kase.listingId).run();
  const a1 = await createTestUser(["seller"], { sellerId: phone.sellerId });
  const a2 = await createTestUser(["seller"], { sellerId: phone.sellerId });
  const b = await createTestUser(["seller"], { sellerId: iron.sellerId });
  const shopper = await shopperWithCart([
    [phone.listingId, 2],
    [kase.listingId, 1],
    [iron.listingId, 1],
  ]);
  const res = await checkout(shopper, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi" });
  if (res.status !== 201) throw new Error(`checkout ${res.status}: ${await res.text()}`);
  const placed = (await res.json()) as { order_id: string; payment: { redirect_url: string | null } };
  if (placed.payment.redirect_url) await pay(placed.payment.redirect_url);
  await waitForStatus(placed.order_id, ["confirmed"]);
  await waitForSagaEnd(placed.order_id);
  return { orderId: placed.order_id, shopper, a1, a2, b };
}

async function placedAt(orderId: string): Promise<string> {
  const row = await env.DB.prepare("SELECT created_at FROM orders WHERE id = ?").bind(orderId).first<{ created_at: string }>();
  return row!.created_at;
}

const ofKind = (rows: Row[], kind: string) => rows.filter((r) => r.kind === kind);

resetCourierCalendarEachTest();

describe("what a seller is told", () => {
  const notice = (n: Partial<SellerNotice>): SellerNotice => ({ order_id: "ord_1", lines: [], pack_by: null, reason: null, ...n });
  const line = (title: string, qty: number, value: number, back: number | null = null) => ({ listing_id: title, title, qty, value, back });

  it("names the costliest of its own lines, cut to fit, with the day to hand the order over by", () => {
    const text = sellerOrderText(
      "seller_new_order",
      notice({
        lines: [line(CASE, 1, 4900), line(`${IPHONE} with a very long marketing tail`, 2, 259800)],
        pack_by: "2024-12-03",
      }),
    );
    expect(text.subject).toBe("New order to pack: 2 × Apple iPhone 15 (Black, 128GB) with a very… and 1 more item");
    expect(text.body).toBe(
      `New order to pack: 2 × ${IPHONE} with a very long marketing tail, 1 × ${CASE}. Pack and hand over by Tue, 3 Dec. Order ord_1.`,
    );
    // Without a known dispatch day, no promise is made up.
    expect(sellerOrderText("seller_new_order", notice({ lines: [line(CASE, 1, 4900)] })).body).toBe(
      `New order to pack: 1 × ${CASE}. Order ord_1.`,
    );
  });

  it("never asks for an order to be handed over before the day it can be packed", () => {
    // Placed and paid on a Wednesday morning: due the day every date the shopper saw counts from.
    const placed = "2026-12-02T04:00:00.000Z";
    expect(packByDate(placed, "2026-12-02T04:05:00.000Z", MIGRATED_HOLIDAYS)).toBe(dispatchDate(new Date(placed), MIGRATED_HOLIDAYS));
    // Paid five days after it was placed (a payment the webhook reconciled late): due from the day
    // of payment, not on a day already past.
    const late = "2026-12-07T04:00:00.000Z";
    expect(dispatchDate(new Date(late), MIGRATED_HOLIDAYS) > dispatchDate(new Date(placed), MIGRATED_HOLIDAYS)).toBe(true);
    expect(packByDate(placed, late, MIGRATED_HOLIDAYS)).toBe(dispatchDate(new Date(late), MIGRATED_HOLIDAYS));
  });

  it("never asks for an order to be handed over on a day couriers close", () => {
    // Placed and paid on Thu 9 Mar 2028 after the cut-off: due Friday, unless ops closed Friday.
    const placed = "2028-03-09T10:00:00.000Z";
    expect(packByDate(placed, placed, MIGRATED_HOLIDAYS)).toBe("2028-03-10");
    // Friday a bandh and Saturday Holi: the next day couriers work is Monday.
    expect(packByDate(placed, placed, new Set([...MIGRATED_HOLIDAYS, "2028-03-10", "2028-03-11"]))).toBe("2028-03-13");
  });

  it("says a cancelled order is not to be shipped, and a return's units and reason", () => {
    expect(sellerOrderText("seller_order_cancelled", notice({ lines: [line(IRON, 1, 249900)] }))).toEqual({
      subject: "Cancelled, don't ship: order ord_1",
      body: `Don't pack or hand over 1 × ${IRON}: the order was cancelled before it shipped. Order ord_1.`,
    });
    const back = sellerOrderText(
      "seller_return_requested",
      notice({ lines: [line(IRON, 3, 749700, 2), line(CASE, 1, 4900, 1)], reason: "Size or fit not right" }),
    );
    expect(back.subject).toBe(`Return requested: 2 of 3 × ${IRON} and 1 more item`);
    expect(back.body).toContain(`send back 2 of 3 × ${IRON}, 1 × ${CASE}. Reason: Size or fit not right.`);
  });

  it("says a return was accepted with the seller's part of the refund, declined with ops' reason, or its goods received", () => {
    const iron = [line(IRON, 3, 749_700, 2)];
    expect(sellerOrderText("seller_return_accepted", notice({ lines: iron, refund: 499_800 }))).toEqual({
      subject: `Return accepted: 2 of 3 × ${IRON}`,
      body: `Return accepted: 2 of 3 × ${IRON} are coming back to you; the shopper is refunded ₹4,998. Order ord_1.`,
    });
    expect(sellerOrderText("seller_return_accepted", notice({ lines: [line(IRON, 1, 249_900, 1)] })).body).toBe(
      `Return accepted: 1 × ${IRON} is coming back to you. Order ord_1.`,
    );
    expect(sellerOrderText("seller_return_declined", notice({ lines: iron, reason: "Seal broken, used beyond inspection" }))).toEqual({
      subject: `Return declined: 2 of 3 × ${IRON}`,
      body: `Return declined: the shopper keeps 2 of 3 × ${IRON} and the sale stands. Reason: Seal broken, used beyond inspection. Order ord_1.`,
    });
    expect(sellerOrderText("seller_return_received", notice({ lines: iron, condition: "sellable" }))).toEqual({
      subject: `Returned goods received: 2 of 3 × ${IRON}`,
      body: `Returned goods received: 2 of 3 × ${IRON} reached the warehouse in sellable condition and went back on sale. Order ord_1.`,
    });
    expect(sellerOrderText("seller_return_received", notice({ lines: iron, condition: "damaged" })).body).toContain(
      "reached the warehouse damaged: kept off sale.",
    );
  });

  it("tells sellers of a confirmation, a cancellation before shipping and a return request, and nothing else", () => {
    expect(sellerOrderKind("payment_authorized", "confirmed")).toBe("seller_new_order");
    expect(sellerOrderKind("confirmed", "cancelled")).toBe("seller_order_cancelled");
    expect(sellerOrderKind("packed", "cancelled")).toBe("seller_order_cancelled");
    expect(sellerOrderKind("created", "cancelled")).toBeUndefined();
    expect(sellerOrderKind("payment_authorized", "cancelled")).toBeUndefined();
    expect(sellerOrderKind("delivered", "return_requested")).toBe("seller_return_requested");
    for (const to of ["packed", "shipped", "delivered", "refunded"] as const) expect(sellerOrderKind("confirmed", to)).toBeUndefined();
    expect(sellerOrderKind("return_requested", "refunded")).toBe("seller_return_accepted");
    expect(sellerOrderKind("return_requested", "delivered")).toBe("seller_return_declined");
    expect(sellerOrderKind("refunded", "return_received")).toBe("seller_return_received");
    // A refund without a return asked for brings nothing back: the sellers' credit notes say the sale was undone.
    expect(sellerOrderKind("delivered", "refunded")).toBeUndefined();
    expect(sellerOrderKind("cancelled", "refunded")).toBeUndefined();
  });
});

describe("seller order notifications", () => {
  it("gives a pack-by day past a closure ops added to the courier calendar", async () => {
    const { orderId, b } = await twoSellerConfirmedOrder();
    const confirmed = (await eventsFor(orderId)).map((e) => e.body).find((e) => e.to === "confirmed")!;
    const usual = dispatchDate(new Date(confirmed.at), MIGRATED_HOLIDAYS);
    const ops = await createTestUser(["ops"]);
    expect(
      (await api("/api/admin/courier-holidays", { method: "POST", headers: ops.headers, body: { date: usual, name: "Courier strike" } }))
        .status,
    ).toBe(201);
    try {
      const transitionId = confirmed.transitionId + 2_000_000;
      await notifySellersForEvent(env.DB, { ...confirmed, transitionId });
      const told = await env.DB.prepare("SELECT body FROM notifications WHERE event_id = ? AND channel = 'email'")
        .bind(sellerEventId(transitionId, b.id))
        .first<{ body: string }>();
      const packBy = dispatchDate(new Date(confirmed.at), new Set([...MIGRATED_HOLIDAYS, usual]));
      expect(packBy > usual).toBe(true);
      expect(told!.body).toContain(`Pack and hand over by ${deliveryDateLabel(packBy)}.`);
    } finally {
      expect((await api(`/api/admin/courier-holidays/${usual}`, { method: "DELETE", headers: ops.headers })).status).toBe(204);
    }
  });

  it("waits for the courier calendar to name a pack-by day: a failed read retries the event, telling no seller a wrong day", async () => {
    const { orderId, b } = await twoSellerConfirmedOrder();
    const confirmed = (await eventsFor(orderId)).find((e) => e.body.to === "confirmed")!;
    // The same confirmation under a transition id of its own, so what the live queue told is apart.
    const transitionId = confirmed.body.transitionId + 3_000_000;
    const event = { ...confirmed, body: { ...confirmed.body, transitionId } };
    const usual = dispatchDate(new Date(confirmed.body.at), MIGRATED_HOLIDAYS);
    await env.DB.prepare("INSERT INTO courier_holidays (date, name, added_by, added_at) VALUES (?, 'Courier strike', ?, ?)")
      .bind(usual, (await createTestUser(["ops"])).id, new Date().toISOString())
      .run();
    const told = () =>
      env.DB.prepare("SELECT body FROM notifications WHERE event_id = ? AND channel = 'email'")
        .bind(sellerEventId(transitionId, b.id))
        .first<{ body: string }>();

    const unreadable = envFailingReads((q) => q.includes("FROM courier_holidays"));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // The copy the live queue may have left from this order's own event is dropped and this
      // isolate's next read fails at once, with no other read between: the event counts with that.
      forgetCourierCalendar();
      expect(await loadCourierCalendar(unreadable.DB)).toMatchObject({ fallback: true });
      const failed = await deliver([event], unreadable);
      expect(failed.explicitAcks).toEqual([]);
      expect(failed.retryMessages).toHaveLength(1);
    } finally {
      logged.mockRestore();
    }
    expect(await told()).toBeNull();

    // Redelivered once D1 answers again, after the seconds the fallback is kept: told past the strike.
    await loadCourierCalendar(env.DB, Date.now() + FALLBACK_MEMO_MS);
    const redelivered = await deliver([event]);
    expect(redelivered.retryMessages).toEqual([]);
    const packBy = dispatchDate(new Date(confirmed.body.at), new Set([...MIGRATED_HOLIDAYS, usual]));
    expect(packBy > usual).toBe(true);
    expect((await told())?.body).toContain(`Pack and hand over by ${deliveryDateLabel(packBy)}.`);
  });

  it("gives an order confirmed days after it was placed a pack-by day from its confirmation", async () => {
    const { orderId, b } = await twoSellerConfirmedOrder();
    const confirmed = (await eventsFor(orderId)).map((e) => e.body).find((e) => e.to === "confirmed")!;
    const placed = new Date(Date.parse(confirmed.at) - 5 * 86_400_000).toISOString();
    await env.DB.prepare("UPDATE orders SET created_at = ? WHERE id = ?").bind(placed, orderId).run();
    // The same confirmation under a transition id of its own, so it records anew beside what the
    // live queue recorded when the order was placed today.
    const transitionId = confirmed.transitionId + 1_000_000;
    await notifySellersForEvent(env.DB, { ...confirmed, transitionId });
    const told = await env.DB.prepare("SELECT body FROM notifications WHERE event_id = ? AND channel = 'email'")
      .bind(sellerEventId(transitionId, b.id))
      .first<{ body: string }>();
    expect(told!.body).toContain(`Pack and hand over by ${deliveryDateLabel(dispatchDate(new Date(confirmed.at), MIGRATED_HOLIDAYS))}.`);
    expect(told!.body).not.toContain(deliveryDateLabel(dispatchDate(new Date(placed), MIGRATED_HOLIDAYS)));
  });

  it("tells each user of each seller once of a new order, naming only that seller's lines", async () => {
    const { orderId, shopper, a1, a2, b } = await twoSellerConfirmedOrder();
    const events = await eventsFor(orderId);
    await deliver(events);
    const packBy = deliveryDateLabel(dispatchDate(new Date(await placedAt(orderId)), MIGRATED_HOLIDAYS));

    for (const user of [a1, a2]) {
      const rows = await toldOf(orderId, user.id);
      expect(rows.map((r) => [r.channel, r.kind, r.link, r.email_state])).toEqual([
        ["email", "seller_new_order", sellerOrderPath(orderId), expect.stringMatching(/^(pending|sent)$/)],
        ["sms", "seller_new_order", sellerOrderPath(orderId), null],
      ]);
      expect(rows[0]!.subject).toBe(`New order to pack: 2 × ${IPHONE} and 1 more item`);
      expect(rows[0]!.body).toBe(`New order to pack: 2 × ${IPHONE}, 1 × ${CASE}. Pack and hand over by ${packBy}. Order ${orderId}.`);
    }
    const ofB = await toldOf(orderId, b.id);
    expect(ofB.map((r) => [r.channel, r.subject])).toEqual([
      ["email", `New order to pack: 1 × ${IRON}`],
      ["sms", `New order to pack: 1 × ${IRON}`],
    ]);
    expect(ofB[0]!.body).not.toContain("iPhone");
    // The link opens the seller's order list on just this order, wherever it has got to in the list.
    const linked = await (await api(sellerOrderPath(orderId), { headers: b.headers })).text();
    expect(linked).toContain(`data-order-id="${orderId}"`);
    expect(linked).toContain("Show all orders");

    // The shopper's own messages are as they were: one confirmation per channel, about their order.
    const mine = await toldOf(orderId, shopper.id);
    expect(mine.map((r) => [r.channel, r.kind, r.link])).toEqual([
      ["email", "order_confirmed", `/orders/${orderId}`],
      ["sms", "order_confirmed", `/orders/${orderId}`],
    ]);
    expect(mine[0]!.subject).toBe(`Order confirmed: ${IPHONE} and 2 more items`);

    // Redelivered, and relayed twice: nothing more.
    const again = await deliver([...events, ...events]);
    expect(again.explicitAcks).toHaveLength(events.length * 2);
    const all = await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE order_id = ?").bind(orderId).first<{ n: number }>();
    expect(all?.n).toBe(8);
  });

  it("tells both sellers not to ship an order cancelled before it shipped", async () => {
    const { orderId, shopper, a1, b } = await twoSellerConfirmedOrder();
    expect((await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: shopper.headers })).status).toBe(200);
    const events = await eventsFor(orderId);
    await deliver(events);
    await deliver(events);
    const cancelled = (rows: Row[]) => ofKind(rows, "seller_order_cancelled").map((r) => [r.channel, r.subject, r.link]);
    for (const user of [a1, b]) {
      expect(cancelled(await toldOf(orderId, user.id))).toEqual([
        ["email", `Cancelled, don't ship: order ${orderId}`, sellerOrderPath(orderId)],
        ["sms", `Cancelled, don't ship: order ${orderId}`, sellerOrderPath(orderId)],
      ]);
    }
    expect(ofKind(await toldOf(orderId, b.id), "seller_order_cancelled")[0]!.body).toBe(
      `Don't pack or hand over 1 × ${IRON}: the order was cancelled before it shipped. Order ${orderId}.`,
    );
  });

  it("tells no seller of an order cancelled before it was confirmed", async () => {
    const f = await stockedListing(5);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const shopper = await shopperWithCart([[f.listingId, 1]]);
    const placed = await placeWithoutSaga(shopper);
    expect((await api(`/api/orders/${placed.order_id}/cancel`, { method: "POST", headers: shopper.headers })).status).toBe(200);
    const events = await eventsFor(placed.order_id);
    expect(events.map((e) => e.body.to)).toEqual(["created", "cancelled"]);
    await deliver(events);
    expect(await toldOf(placed.order_id, seller.id)).toEqual([]);
  });

  it("tells only the seller whose lines come back which units and why", async () => {
    const { shopper, ops } = await shopperAndOps();
    const kurta = await taxedListing({ stateCode: "29", title: "Cotton Kurta" });
    const iron = await taxedListing({ stateCode: "27", title: IRON });
    const sellerA = await createTestUser(["seller"], { sellerId: kurta.sellerId });
    const sellerB = await createTestUser(["seller"], { sellerId: iron.sellerId });
    const orderId = await paidPackedOrder(shopper.id, [lineOf(kurta, 49_900, 1, "Cotton Kurta"), lineOf(iron, 249_900, 3, IRON)]);
    for (const to of ["shipped", "delivered"]) expect((await move(orderId, to, ops)).status).toBe(200);
    const asked = await askReturn(orderId, shopper, {
      reason: "not_as_described",
      note: "Call me on 98765 43210",
      items: [{ listing_id: iron.listingId, quantity: 2 }],
    });
    expect(asked.status).toBe(200);
    const events = await eventsFor(orderId);
    await deliver(events);
    await deliver(events);

    expect(await toldOf(orderId, sellerA.id)).toEqual([]);
    const told = ofKind(await toldOf(orderId, sellerB.id), "seller_return_requested");
    expect(told.map((r) => [r.channel, r.subject, r.link])).toEqual([
      ["email", `Return requested: 2 of 3 × ${IRON}`, SELLER_RETURNS_LINK],
      ["sms", `Return requested: 2 of 3 × ${IRON}`, SELLER_RETURNS_LINK],
    ]);
    expect(told[0]!.body).toContain(`send back 2 of 3 × ${IRON}. Reason: Not as described.`);
    // The shopper's note is theirs: it may hold their phone number.
    expect(told[0]!.body).not.toContain("98765");
  });

  it("mails sellers through the binding, even one who turned stock alerts off, and never as an alert", async () => {
    const { orderId, a1, b } = await twoSellerConfirmedOrder();
    const off = await api("/api/me/notification-preferences", {
      method: "PUT",
      headers: a1.headers,
      body: { email: { stock_alerts: false } },
    });
    expect(off.status).toBe(200);
    const [confirmed] = (await eventsFor(orderId)).filter((e) => e.body.to === "confirmed");
    // A transition of its own that only this delivery sees, so the mails are this delivery's whatever the live queue did.
    const own = { outboxId: confirmed!.outboxId, body: { ...confirmed!.body, transitionId: 2_000_000 + Math.floor(Math.random() * 1e6) } };
    await deliver([confirmed!]);
    const { sent, spyEnv } = mailSpy();
    await deliver([confirmed!, own], spyEnv);

    for (const user of [a1, b]) {
      const mails = sent.filter((m) => m.to === user.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toMatch(/^New order to pack: /);
      expect(mails[0]!.text).toContain(`${env.SITE_ORIGIN}${sellerOrderPath(orderId)}`);
      // Transactional: no unsubscribe link or header.
      expect(mails[0]!.headers).toEqual({});
      const row = await env.DB.prepare("SELECT email_state FROM notifications WHERE event_id = ? AND channel = 'email'")
        .bind(`order-transition:${own.body.transitionId}:seller:${user.id}`)
        .first<{ email_state: string }>();
      expect(row?.email_state).toBe("sent");
    }
  });
});

describe("how a return of a seller's lines ends", () => {
  /** The two-seller order (seller A's kurta, seller B's iron) delivered, and the iron alone asked back. */
  async function ironAskedBack() {
    const order = await twoSellerDelivered();
    const asked = await askReturn(order.orderId, order.shopper, {
      reason: "damaged",
      items: [{ listing_id: order.b.listingId, quantity: 1 }],
    });
    expect(asked.status).toBe(200);
    return order;
  }

  /** Every order event so far through the consumer, twice: the second delivery must record nothing. */
  async function deliverTwice(orderId: string) {
    const events = await eventsFor(orderId);
    await deliver(events);
    await deliver([...events, ...events]);
  }

  const told = async (orderId: string, user: { id: string }, kind: string) =>
    ofKind(await toldOf(orderId, user.id), kind).map((r) => [r.channel, r.subject, r.body, r.link]);

  it("tells the seller of the lines coming back that ops accepted the return, with its part of the refund, once", async () => {
    const { orderId, ops, sellerA, sellerB } = await ironAskedBack();
    await mustMove(orderId, ops, { to: "refunded" });
    await deliverTwice(orderId);
    const body = `Return accepted: 1 × Steam Iron is coming back to you; the shopper is refunded ₹1,299. Order ${orderId}.`;
    expect(await told(orderId, sellerB, "seller_return_accepted")).toEqual([
      ["email", "Return accepted: 1 × Steam Iron", body, SELLER_RETURNS_LINK],
      ["sms", "Return accepted: 1 × Steam Iron", body, SELLER_RETURNS_LINK],
    ]);
    // The kurta's seller sold a line the shopper kept: nothing about this return is theirs.
    expect(await toldOf(orderId, sellerA.id)).toEqual([]);
  });

  it("tells that seller ops declined it, with the reason the shopper is given, once", async () => {
    const { orderId, ops, sellerA, sellerB } = await ironAskedBack();
    await mustMove(orderId, ops, { to: "delivered", reason: "The iron shows use beyond inspection" });
    await deliverTwice(orderId);
    const body = `Return declined: the shopper keeps 1 × Steam Iron and the sale stands. Reason: The iron shows use beyond inspection. Order ${orderId}.`;
    expect(await told(orderId, sellerB, "seller_return_declined")).toEqual([
      ["email", "Return declined: 1 × Steam Iron", body, SELLER_RETURNS_LINK],
      ["sms", "Return declined: 1 × Steam Iron", body, SELLER_RETURNS_LINK],
    ]);
    expect(await toldOf(orderId, sellerA.id)).toEqual([]);
  });

  it("tells that seller once, in the channels the decline used, when ops refund the order after all, and its Returns page says so", async () => {
    const { orderId, ops, sellerA, sellerB } = await ironAskedBack();
    await mustMove(orderId, ops, { to: "delivered", reason: "The iron shows use beyond inspection" });
    await mustMove(orderId, ops, { to: "refunded" });
    await deliverTwice(orderId);
    const body = `Refunded after all: the shopper was refunded in full after their return was declined, so the sale of 1 × Steam Iron no longer stands. Order ${orderId}.`;
    expect(await told(orderId, sellerB, "seller_refunded_after_decline")).toEqual([
      ["email", "Refunded after all: 1 × Steam Iron", body, SELLER_RETURNS_LINK],
      ["sms", "Refunded after all: 1 × Steam Iron", body, SELLER_RETURNS_LINK],
    ]);
    // The refund is the last word, not the decline that said the sale stands.
    const last = (await toldOf(orderId, sellerB.id)).filter((r) => r.channel === "email").at(-1);
    expect(last?.kind).toBe("seller_refunded_after_decline");
    // The kurta's seller was never told of the return, nor is it told of this refund, as of any other ops make.
    expect(await toldOf(orderId, sellerA.id)).toEqual([]);

    const page = readerText(await (await api("/seller/returns", { headers: sellerB.headers })).text());
    expect(page).toMatch(
      /Declined \d+ \w+ \d{4} “The iron shows use beyond inspection” Refunded in full \d+ \w+ \d{4} after all: the sale no longer stands ₹1,299/,
    );
  });

  it("tells that seller its goods reached the warehouse and went back on sale, once", async () => {
    const { orderId, ops, sellerA, sellerB } = await ironAskedBack();
    await mustMove(orderId, ops, { to: "refunded" });
    await mustMove(orderId, ops, { to: "return_received", condition: "sellable" });
    await deliverTwice(orderId);
    const body = `Returned goods received: 1 × Steam Iron reached the warehouse in sellable condition and went back on sale. Order ${orderId}.`;
    expect(await told(orderId, sellerB, "seller_return_received")).toEqual([
      ["email", "Returned goods received: 1 × Steam Iron", body, SELLER_RETURNS_LINK],
      ["sms", "Returned goods received: 1 × Steam Iron", body, SELLER_RETURNS_LINK],
    ]);
    expect((await toldOf(orderId, sellerB.id)).map((r) => r.kind)).toEqual([
      "seller_return_requested",
      "seller_return_accepted",
      "seller_return_received",
      "seller_return_requested",
      "seller_return_accepted",
      "seller_return_received",
    ]);
    expect(await toldOf(orderId, sellerA.id)).toEqual([]);
  });

  it("tells no seller of a whole-order refund ops made without a return asked for", async () => {
    const { orderId, ops, sellerA, sellerB } = await twoSellerDelivered();
    await mustMove(orderId, ops, { to: "refunded" });
    await deliverTwice(orderId);
    expect((await eventsFor(orderId)).map((e) => [e.body.from, e.body.to])).toContainEqual(["delivered", "refunded"]);
    for (const seller of [sellerA, sellerB]) expect(await toldOf(orderId, seller.id)).toEqual([]);
  });
});

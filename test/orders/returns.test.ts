import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { canTransition } from "../../workers/orders/state-machine";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { money } from "../../workers/pages/format";
import { moneyOf } from "../checkout/support";
import {
  askReturn,
  askedBack,
  consumeEvents,
  daysAgo,
  deliveredPaidOrder,
  linesOf,
  opsMove,
  orderTrail,
  seedDelivered,
  sentEmails,
} from "./returns-seed";

interface OrderBody {
  status: string;
  return_window: { state: string; until: string | null; decline_reason: string | null };
  return_request: { reason: string; note: string | null; outcome: string; decline_reason: string | null } | null;
  timeline: Array<{ from: string | null; to: string; reason: string }>;
}

interface ProblemBody {
  type: string;
  detail: string;
  closed_at?: string;
  items?: Array<{ title: string }>;
}

async function notificationKinds(orderId: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT kind FROM notifications WHERE order_id = ? AND channel = 'email' ORDER BY id")
    .bind(orderId)
    .all<{ kind: string }>();
  return results.map((r) => r.kind);
}

describe("the return edges of the order state machine", () => {
  it("let the shopper ask for a return of a delivered order, and only ops answer it", () => {
    expect(canTransition("delivered", "return_requested", "shopper")).toBe(true);
    expect(canTransition("delivered", "return_requested", "ops")).toBe(false);
    expect(canTransition("shipped", "return_requested", "shopper")).toBe(false);
    expect(canTransition("return_requested", "refunded", "ops")).toBe(true);
    expect(canTransition("return_requested", "delivered", "ops")).toBe(true);
    expect(canTransition("return_requested", "refunded", "shopper")).toBe(false);
    expect(canTransition("return_requested", "delivered", "shopper")).toBe(false);
    expect(canTransition("return_requested", "cancelled", "ops")).toBe(false);
    // Ops may still refund a delivered order directly.
    expect(canTransition("delivered", "refunded", "ops")).toBe(true);
  });
});

describe("POST /api/orders/{id}/return", () => {
  it("asks for a return once however often it is sent, and ops accepting it refunds the captured money once", async () => {
    const { orderId, user, ops } = await deliveredPaidOrder();
    const first = await askReturn(orderId, user, { reason: "damaged", note: "Screen cracked in the box" });
    expect(first.status).toBe(200);
    const asked = (await first.json()) as OrderBody;
    expect(asked.status).toBe("return_requested");
    expect(asked.return_request).toMatchObject({ reason: "damaged", note: "Screen cracked in the box", outcome: "pending" });
    // An order is returned once: its window no longer reads as open to a client offering returns.
    expect(asked.return_window.state).toBe("requested");
    const trail = await orderTrail(orderId);
    // A double-submit answers the same and moves nothing.
    const again = await askReturn(orderId, user, { reason: "damaged", note: "Screen cracked in the box" });
    expect(again.status).toBe(200);
    expect(((await again.json()) as OrderBody).status).toBe("return_requested");
    expect(await orderTrail(orderId)).toEqual(trail);
    // Another return of the same order (a stale tab, another reason) is refused in words, not taken as done.
    const other = await askReturn(orderId, user, { reason: "no_longer_needed" });
    expect(other.status).toBe(409);
    expect(((await other.json()) as ProblemBody).detail).toMatch(
      /^You asked to return this order on \d{1,2} \w{3} \d{4} \(damaged or defective\), and an order is returned once, so this request was not added\. Nothing changed\.$/,
    );
    expect(await orderTrail(orderId)).toEqual(trail);

    const accept = await opsMove(orderId, ops, { to: "refunded" });
    expect(accept.status).toBe(200);
    const refunded = (await accept.json()) as OrderBody;
    expect(refunded.return_request?.outcome).toBe("accepted");
    expect(refunded.return_window.state).toBe("requested");
    // A retried accept finds the refund done and gives nothing back twice.
    expect((await opsMove(orderId, ops, { to: "refunded" })).status).toBe(200);
    expect(await moneyOf(orderId)).toMatchObject({ captured: 129900, refunded: 129900, providerRefunded: 129900 });
    const refunds = await env.DB.prepare("SELECT COUNT(*) AS n FROM order_transitions WHERE order_id = ? AND to_status = 'refunded'")
      .bind(orderId)
      .first<{ n: number }>();
    expect(refunds?.n).toBe(1);

    await consumeEvents(orderId);
    expect(await notificationKinds(orderId)).toEqual(expect.arrayContaining(["return_requested", "return_accepted"]));
    expect(await notificationKinds(orderId)).not.toContain("order_refunded");
    const sent = await sentEmails(orderId);
    const bought = await env.DB.prepare("SELECT title FROM order_items WHERE order_id = ?").bind(orderId).first<string>("title");
    expect(sent.find((n) => n.kind === "return_accepted")).toMatchObject({
      subject: `Return accepted: refund of ${money(129900)} started for ${bought}`,
      body: expect.stringContaining(`refund of ${money(129900)} to the way you paid`),
    });
    expect(sent.find((n) => n.kind === "order_shipped")?.subject).toBe(`Shipped: ${bought}`);
    // Redelivered events send nothing again.
    await consumeEvents(orderId);
    expect(await sentEmails(orderId)).toEqual(sent);
  });

  it("refunds the cash a cash-on-delivery order was paid with when the return is accepted", async () => {
    const { orderId, user, ops } = await deliveredPaidOrder("cod");
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", captured: 129900 });
    expect((await askReturn(orderId, user, { reason: "size_fit" })).status).toBe(200);
    expect((await opsMove(orderId, ops, { to: "refunded" })).status).toBe(200);
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", refunded: 129900, providerRefunded: 129900 });
  });

  it("needs a reason to decline, then puts the order back to delivered with the reason shown to its shopper", async () => {
    const { orderId, user, ops } = await deliveredPaidOrder();
    expect((await askReturn(orderId, user, { reason: "no_longer_needed" })).status).toBe(200);
    const trail = await orderTrail(orderId);

    for (const body of [{ to: "delivered" }, { to: "delivered", reason: "   " }]) {
      const bare = await opsMove(orderId, ops, body);
      expect(bare.status).toBe(400);
      const problem = (await bare.json()) as ProblemBody & { errors: Array<{ path: string }> };
      expect(problem.errors).toEqual([expect.objectContaining({ path: "reason" })]);
      expect(await orderTrail(orderId)).toEqual(trail);
    }

    const declined = await opsMove(orderId, ops, { to: "delivered", reason: "The seal is broken: opened items can't be returned" });
    expect(declined.status).toBe(200);
    // A retried decline changes nothing.
    expect((await opsMove(orderId, ops, { to: "delivered", reason: "The seal is broken: opened items can't be returned" })).status).toBe(
      200,
    );
    const seen = (await (await api(`/api/orders/${orderId}`, { headers: user.headers })).json()) as OrderBody;
    expect(seen.status).toBe("delivered");
    expect(seen.return_request).toMatchObject({
      outcome: "declined",
      decline_reason: "The seal is broken: opened items can't be returned",
    });
    expect(seen.timeline.at(-1)).toMatchObject({ from: "return_requested", to: "delivered" });
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", refunded: 0 });

    await consumeEvents(orderId);
    const kinds = await notificationKinds(orderId);
    expect(kinds.filter((k) => k === "order_delivered")).toHaveLength(1);
    expect(kinds).toContain("return_declined");
    const bought = await env.DB.prepare("SELECT title FROM order_items WHERE order_id = ?").bind(orderId).first<string>("title");
    expect((await sentEmails(orderId)).find((n) => n.kind === "return_declined")?.body).toBe(
      `We could not accept your return of ${bought}: The seal is broken: opened items can't be returned. Order ${orderId}.`,
    );
  });

  it("makes a decline final: asking again within the window is refused with the reason, and changes nothing", async () => {
    const { orderId, user, ops } = await deliveredPaidOrder();
    expect((await askReturn(orderId, user, { reason: "damaged" })).status).toBe(200);
    expect((await opsMove(orderId, ops, { to: "delivered", reason: "No damage seen in the photos" })).status).toBe(200);
    const trail = await orderTrail(orderId);

    const again = await askReturn(orderId, user, { reason: "no_longer_needed" });
    expect(again.status).toBe(409);
    const problem = (await again.json()) as ProblemBody & { decline_reason: string };
    expect(problem.type).toBe("/problems/return-declined");
    // The order itself says no return can be asked for, and why, though its window is still open.
    const seen = (await (await api(`/api/orders/${orderId}`, { headers: user.headers })).json()) as OrderBody;
    expect(seen.return_window).toMatchObject({ state: "declined", decline_reason: "No damage seen in the photos" });
    expect(Date.parse(seen.return_window.until ?? "")).toBeGreaterThan(Date.now());
    const doc = (await (await api("/api/openapi.json")).json()) as {
      components: { schemas: { ReturnWindow: { properties: { state: { enum: string[] } } } } };
    };
    expect(doc.components.schemas.ReturnWindow.properties.state.enum).toContain("declined");
    expect(problem.detail).toBe("Your return was declined: No damage seen in the photos. Nothing changed.");
    expect(problem.decline_reason).toBe("No damage seen in the photos");
    expect(await orderTrail(orderId)).toEqual(trail);
  });

  it("refuses once the window has closed, saying when it closed, and changes nothing", async () => {
    const user = await createTestUser();
    // A fashion order delivered 12 days ago: its 10 days are over.
    const late = await seedDelivered(user.id, daysAgo(12), [["fashion", "Cotton Kurta"]]);
    const trail = await orderTrail(late);
    const res = await askReturn(late, user);
    expect(res.status).toBe(409);
    const problem = (await res.json()) as ProblemBody;
    expect(problem.type).toBe("/problems/return-window-closed");
    expect(problem.detail).toMatch(/closed on \d{1,2} \w{3} \d{4}/);
    expect(Date.parse(problem.closed_at ?? "")).toBeLessThan(Date.now());
    expect(await orderTrail(late)).toEqual(trail);

    // Nine days after delivery the same order is still returnable.
    const inTime = await seedDelivered(user.id, daysAgo(9), [["fashion", "Cotton Kurta"]]);
    expect((await askReturn(inTime, user)).status).toBe(200);
  });

  it("returns the rest of an order holding something that can never be returned, and refuses an order of nothing returnable", async () => {
    const user = await createTestUser();
    const orderId = await seedDelivered(user.id, daysAgo(1), [
      ["fashion", "Cotton Kurta"],
      ["grocery", "Basmati Rice 5 kg"],
    ]);
    const lines = await linesOf(orderId);
    const before = (await (await api(`/api/orders/${orderId}`, { headers: user.headers })).json()) as OrderBody & {
      return_window: { not_returnable: Array<{ title: string; why: string }> };
    };
    expect(before.return_window).toMatchObject({
      state: "open",
      not_returnable: [{ title: "Basmati Rice 5 kg", why: "Groceries can't be returned" }],
    });

    // Naming the rice is refused, naming it; leaving items out returns what can go back.
    const named = await askReturn(orderId, user, { reason: "damaged", items: [{ listing_id: lines["Basmati Rice 5 kg"], quantity: 1 }] });
    expect(named.status).toBe(400);
    expect(((await named.json()) as { errors: Array<{ path: string; message: string }> }).errors).toEqual([
      { path: "items.0.listing_id", message: "Basmati Rice 5 kg can't be returned" },
    ]);
    const res = await askReturn(orderId, user);
    expect(res.status).toBe(200);
    expect(await askedBack(orderId)).toEqual({
      [lines["Cotton Kurta"]!]: { qty: 1, return_qty: 1, asked: true },
      [lines["Basmati Rice 5 kg"]!]: { qty: 1, return_qty: null, asked: false },
    });

    const rice = await seedDelivered(user.id, daysAgo(1), [["grocery", "Basmati Rice 5 kg"]]);
    const trail = await orderTrail(rice);
    const refused = await askReturn(rice, user);
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as ProblemBody;
    expect(problem.type).toBe("/problems/not-returnable");
    expect(problem.detail).toContain("Groceries can't be returned: Basmati Rice 5 kg");
    expect(problem.items?.map((i) => i.title)).toEqual(["Basmati Rice 5 kg"]);
    expect(await orderTrail(rice)).toEqual(trail);
  });

  it("refuses an order that is not delivered, and another shopper's order as if it did not exist", async () => {
    const { orderId, user } = await deliveredPaidOrder();
    const stranger = await createTestUser();
    const trail = await orderTrail(orderId);
    const theirs = await askReturn(orderId, stranger);
    expect(theirs.status).toBe(404);
    expect(await orderTrail(orderId)).toEqual(trail);

    const shipped = await seedDelivered(user.id, daysAgo(1), [["fashion", "Cotton Kurta"]]);
    await env.DB.prepare("UPDATE orders SET status = 'shipped' WHERE id = ?").bind(shipped).run();
    const early = await askReturn(shipped, user);
    expect(early.status).toBe(409);
    const problem = (await early.json()) as ProblemBody;
    expect(problem.type).toBe("/problems/illegal-transition");
    expect(problem.detail).toBe("This order is on its way: it can be returned once it is delivered. Nothing changed.");
  });

  it("takes only a known reason and a note of at most 500 characters", async () => {
    const user = await createTestUser();
    const orderId = await seedDelivered(user.id, daysAgo(1), [["electronics", "Earbuds"]]);
    expect((await askReturn(orderId, user, { reason: "changed_mind" })).status).toBe(400);
    expect((await askReturn(orderId, user, { reason: "damaged", note: "x".repeat(501) })).status).toBe(400);
    expect((await askReturn(orderId, user, {})).status).toBe(400);
    expect((await orderTrail(orderId))?.status).toBe("delivered");
  });

  it("is in the OpenAPI document with its reasons, and the order says whether and until when it can be returned", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
    };
    expect(doc.paths["/api/orders/{id}/return"]?.post).toBeDefined();
    expect(doc.components.schemas.ReturnOrder?.properties.reason?.enum).toEqual([
      "damaged",
      "wrong_item",
      "not_as_described",
      "size_fit",
      "no_longer_needed",
    ]);
    expect(doc.components.schemas.Order?.properties.status?.enum).toContain("return_requested");
    expect(doc.components.schemas.Order?.properties.return_window).toBeDefined();
  });
});

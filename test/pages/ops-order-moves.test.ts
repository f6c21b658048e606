import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { confirmedOrder, moneyOf } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api, readerText as text } from "../helpers/http";
import { askReturn, deliveredPaidOrder, orderTrail } from "../orders/returns-seed";

async function page(path: string, cookie: string): Promise<string> {
  const res = await api(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The labels of the move buttons on an ops order page. */
function moveButtons(html: string): string[] {
  const moves = /<section[^>]*data-order-moves[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
  return [...moves.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]!.trim());
}

/** The opening tag of the form of the move to `to`. */
function formTag(html: string, to: string): string {
  const at = html.indexOf(`name="to" value="${to}"`);
  const start = html.lastIndexOf("<form", at);
  return html.slice(start, html.indexOf(">", start) + 1);
}

/** The form of the move to `to` as drawn on the page. */
const moveForm = (html: string, to: string) => drawnForm(html, `name="to" value="${to}"`);

describe("the ops order page acts on a requested return", () => {
  it("offers Accept and Decline with a required reason; a decline comes back to the order saying so", async () => {
    const { orderId, user, ops } = await deliveredPaidOrder();
    expect((await askReturn(orderId, user, { reason: "size_fit", note: "Too tight" })).status).toBe(200);
    const session = await browserSession(ops);
    const path = `/ops/orders/${orderId}`;

    const before = await page(path, session.cookie);
    expect(moveButtons(before)).toEqual(["Accept and refund", "Decline"]);
    const decline = moveForm(before, "delivered");
    expect(decline.action).toBe(`/ops/orders/${orderId}/transitions`);
    expect(before).toMatch(/<input name="reason" maxlength="200" required/);

    // Sent without a reason (a browser without form checks), it is refused over the same order page.
    const trail = await orderTrail(orderId);
    const bare = await postForm(decline.action, decline.fields, session.cookie);
    expect(bare.status).toBe(400);
    const refused = await bare.text();
    expect(refused).toContain(`data-ops-order="${orderId}"`);
    expect(refused).toContain('role="alert"');
    expect(await orderTrail(orderId)).toEqual(trail);

    const res = await postForm(decline.action, { ...decline.fields, reason: "Worn, with the tags removed" }, session.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${path}?done=declined`);
    const after = await page(res.headers.get("location")!, session.cookie);
    expect(text(after)).toContain("Return declined. The shopper is shown your reason.");
    expect(text(after)).toContain("Worn, with the tags removed");
    expect((await orderTrail(orderId))?.status).toBe("delivered");
    // Delivered again: the return forms are gone, a refund is still possible.
    expect(moveButtons(after)).toEqual(["Refund"]);
  });

  it("accepts a return from the order page, refunding it, and comes back to the order", async () => {
    const { orderId, user, ops } = await deliveredPaidOrder();
    expect((await askReturn(orderId, user, { reason: "damaged" })).status).toBe(200);
    const session = await browserSession(ops);
    const accept = moveForm(await page(`/ops/orders/${orderId}`, session.cookie), "refunded");
    expect(accept.fields._csrf).toBe(session.csrf);

    const res = await postForm(accept.action, accept.fields, session.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/ops/orders/${orderId}?done=accepted`);
    const after = await page(res.headers.get("location")!, session.cookie);
    expect(text(after)).toContain("Return accepted. The order is refunded and the money goes back to the shopper.");
    // What is left is receiving the goods back once they arrive.
    expect(moveButtons(after)).toEqual(["Record goods received"]);
    expect((await orderTrail(orderId))?.status).toBe("refunded");
    const money = await moneyOf(orderId);
    expect(money?.refunded).toBe(money?.captured);
  });
});

describe("the ops order page moves an order along", () => {
  it("offers the legal next moves as the lists do, and each comes back to the order", async () => {
    const { orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    const session = await browserSession(ops);
    const path = `/ops/orders/${orderId}`;

    let html = await page(path, session.cookie);
    expect(moveButtons(html)).toEqual(["Mark packed", "Cancel and refund"]);
    for (const [to, done, next] of [
      ["packed", "Marked packed.", ["Mark shipped", "Cancel and refund"]],
      ["shipped", "Marked shipped. Its tax invoices are issued.", ["Mark delivered"]],
      ["delivered", "Marked delivered.", ["Refund"]],
    ] as const) {
      const form = moveForm(html, to);
      const res = await postForm(form.action, form.fields, session.cookie);
      expect(res.status, to).toBe(303);
      expect(res.headers.get("location")).toBe(`${path}?done=${to}`);
      html = await page(res.headers.get("location")!, session.cookie);
      expect(text(html)).toContain(done);
      expect(moveButtons(html)).toEqual(next);
    }
    // Shipping issued the invoice, which the page links.
    expect(html).toContain("data-invoice-links");
    // Refunding a delivered order whole, goods kept, is asked about first, with the amount.
    const refund = formTag(html, "refunded");
    expect(refund).toMatch(/data-confirm="Refund ₹[\d,]+ to the shopper for this delivered order\? No goods are asked back/);
  });

  it("cancels and refunds a confirmed order from its page", async () => {
    const { orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    const session = await browserSession(ops);
    const drawn = await page(`/ops/orders/${orderId}`, session.cookie);
    expect(formTag(drawn, "cancelled")).toMatch(/data-confirm="Cancel this order and refund ₹[\d,]+\? It will not ship\."/);
    const cancel = moveForm(drawn, "cancelled");
    const res = await postForm(cancel.action, cancel.fields, session.cookie);
    expect(res.status).toBe(303);
    const after = await page(res.headers.get("location")!, session.cookie);
    expect(text(after)).toContain("Cancelled.");
    // A paid order's cancellation gives the money back at once.
    expect((await orderTrail(orderId))?.status).toBe("refunded");
  });

  it("says why a move is refused over the order page, leaving the order where it was", async () => {
    const { orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    const session = await browserSession(ops);
    const pack = moveForm(await page(`/ops/orders/${orderId}`, session.cookie), "packed");
    // Someone else cancelled it while this page was open.
    expect(
      (await api(`/api/admin/orders/${orderId}/transitions`, { method: "POST", headers: ops.headers, body: { to: "cancelled" } })).status,
    ).toBe(200);
    const trail = await orderTrail(orderId);
    const res = await postForm(pack.action, pack.fields, session.cookie);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(`data-ops-order="${orderId}"`);
    expect(html).toContain('role="alert"');
    expect(moveButtons(html)).toEqual([]);
    expect(await orderTrail(orderId)).toEqual(trail);
  });
});

describe("a move form typed wrong", () => {
  it("names the field and keeps the courier and AWB typed, moving nothing", async () => {
    const { orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    expect(
      (await api(`/api/admin/orders/${orderId}/transitions`, { method: "POST", headers: ops.headers, body: { to: "packed" } })).status,
    ).toBe(200);
    const session = await browserSession(ops);
    const ship = moveForm(await page(`/ops/orders/${orderId}`, session.cookie), "shipped");
    const trail = await orderTrail(orderId);
    const awb = "1234567890".repeat(7);
    const res = await postForm(ship.action, { ...ship.fields, carrier: "delhivery", tracking_number: awb }, session.cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(text(html)).toContain("Enter the tracking number (AWB) as printed on the label: it is at most 60 characters.");
    expect(text(html)).not.toContain("Choose a valid next status");
    expect(html).toContain(`value="${awb}"`);
    expect(html).toMatch(/<option value="delhivery" selected="">/);
    expect(await orderTrail(orderId)).toEqual(trail);
  });
});

describe("an ops form drawn before another operator moved the order", () => {
  it("does not accept a return declined meanwhile: the page says what the order is now and no money moves", async () => {
    const { orderId, user, ops } = await deliveredPaidOrder();
    expect((await askReturn(orderId, user, { reason: "damaged" })).status).toBe(200);
    const session = await browserSession(ops);
    const accept = moveForm(await page(`/ops/orders/${orderId}`, session.cookie), "refunded");
    expect(accept.fields.from).toBe("return_requested");
    const other = await createTestUser(["ops"]);
    const declined = await api(`/api/admin/orders/${orderId}/transitions`, {
      method: "POST",
      headers: other.headers,
      body: { to: "delivered", reason: "Worn" },
    });
    expect(declined.status).toBe(200);
    const trail = await orderTrail(orderId);

    const res = await postForm(accept.action, accept.fields, session.cookie);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(`data-ops-order="${orderId}"`);
    expect(text(html)).toContain("This order is no longer return requested: it is delivered now.");
    expect(await orderTrail(orderId)).toEqual(trail);
    expect((await moneyOf(orderId))?.refunded).toBe(0);
  });

  it("does not cancel from a list row an order packed meanwhile", async () => {
    const { orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    const session = await browserSession(ops);
    const list = await page("/ops?status=confirmed", session.cookie);
    const row = list.match(new RegExp(`<tr data-order-id="${orderId}">.*?</tr>`, "s"))?.[0] ?? "";
    const cancel = drawnForm(row, `name="to" value="cancelled"`);
    expect(cancel.fields.from).toBe("confirmed");
    expect(
      (await api(`/api/admin/orders/${orderId}/transitions`, { method: "POST", headers: ops.headers, body: { to: "packed" } })).status,
    ).toBe(200);
    const trail = await orderTrail(orderId);

    const res = await postForm(cancel.action, cancel.fields, session.cookie);
    expect(res.status).toBe(409);
    expect(text(await res.text())).toContain("This order is no longer confirmed: it is packed now.");
    expect(await orderTrail(orderId)).toEqual(trail);
  });
});

describe("the ops order page's times", () => {
  it("name their zone, as the order lists and the forms do: ops may read them from outside India", async () => {
    const { orderId, ops } = await deliveredPaidOrder();
    const session = await browserSession(ops);
    const html = await page(`/ops/orders/${orderId}`, session.cookie);
    expect(text(html)).toMatch(/placed \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2} [ap]m IST/);
    const timeline = /<ol class="timeline"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
    const times = [...timeline.matchAll(/<time [^>]*>([^<]*)<\/time>/g)].map((m) => m[1]!);
    expect(times.length).toBeGreaterThan(1);
    for (const t of times) expect(t).toMatch(/ IST$/);
  });
});

describe("the ops order page's timeline", () => {
  it("names who moved the order, as people know them, and never by an account id", async () => {
    const { orderId, ops } = await deliveredPaidOrder();
    await env.DB.prepare("UPDATE users SET name = 'Asha Rao' WHERE id = ?").bind(ops.id).run();
    const session = await browserSession(ops);
    const html = await page(`/ops/orders/${orderId}`, session.cookie);
    const timeline = /<ol class="timeline"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
    const step = (to: string) => {
      const at = timeline.slice(timeline.indexOf(`data-status="${to}"`));
      return text(at.slice(0, at.indexOf("</li>")));
    };
    expect(step("created")).toContain("by the shopper");
    expect(step("confirmed")).toContain("by the system (checkout)");
    for (const to of ["packed", "shipped", "delivered"]) expect(step(to)).toContain("by Asha Rao (ops)");
    expect(timeline).not.toContain("usr_");
    expect(timeline).not.toContain(ops.id);
  });
});

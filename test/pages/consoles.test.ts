import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api, readerText } from "../helpers/http";
import { confirmedOrder, moneyOf, stockOf } from "../checkout/support";
import { createProduct } from "../catalog/fixtures";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { reserveStock } from "../../workers/inventory/ledger";
import { consolePost } from "../helpers/forms";
import { transitionOrder } from "../../workers/orders/transitions";
import appScript from "../../public/static/app.js?raw";

async function orderStatus(orderId: string, headers: Record<string, string>): Promise<string> {
  return ((await (await api(`/api/orders/${orderId}`, { headers })).json()) as { status: string }).status;
}

describe("consoles and my orders", () => {
  it("lets a shopper cancel a confirmed order from my orders, and shows it cancelled", async () => {
    const { user, orderId } = await confirmedOrder();
    const list = await (await api("/orders", { headers: user.headers })).text();
    expect(list).toContain(`action="/orders/${orderId}/cancel"`);
    const res = await consolePost(`/orders/${orderId}/cancel`, {}, user.headers);
    expect(res.status).toBe(303);
    expect(["cancelled", "refunded"]).toContain(await orderStatus(orderId, user.headers));
    const page = await (await api(`/orders/${orderId}`, { headers: user.headers })).text();
    expect(page).not.toContain(`action="/orders/${orderId}/cancel"`);
  });

  it("names the deal manager's console apart from the shoppers' deals page in the header", async () => {
    const manager = await createTestUser(["deal_manager"]);
    // A personal page draws the console links itself; shared pages get them from app.js, which must agree.
    const html = await (await api("/account", { headers: manager.headers })).text();
    expect(html).toContain('<a href="/deals-console">Deals console</a>');
    expect(appScript).toContain('["deal_manager", "/deals-console", "Deals console"]');
    // One link called "Deals", and it is the shoppers' page every visitor has.
    expect(html.match(/>Deals<\/a>/g)).toHaveLength(1);
    expect(html).toContain('<a href="/deals">Deals</a>');
  });

  it("moves an order along from the ops console and refuses an illegal move with a 409 page that changes nothing", async () => {
    const { user, orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    const board = await (await api("/ops?status=confirmed", { headers: ops.headers })).text();
    expect(board).toContain(`data-order-id="${orderId}"`);
    const shipTooEarly = await consolePost(`/ops/orders/${orderId}/transitions`, { to: "shipped", status: "confirmed" }, ops.headers);
    expect(shipTooEarly.status).toBe(409);
    expect(await orderStatus(orderId, user.headers)).toBe("confirmed");
    const packed = await consolePost(`/ops/orders/${orderId}/transitions`, { to: "packed", status: "confirmed" }, ops.headers);
    expect(packed.status).toBe(303);
    expect(await orderStatus(orderId, user.headers)).toBe("packed");
  });

  it("shows ops an order's payment in words: the method's name, not its code", async () => {
    const { orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    const page = await (await api(`/ops/orders/${orderId}`, { headers: ops.headers })).text();
    const payment = /<dl class="figures" data-order-payment[^>]*>([\s\S]*?)<\/dl>/.exec(page)?.[1] ?? "";
    expect(payment).toContain("<dt>Method</dt><dd>UPI</dd>");
    expect(payment).not.toContain(">upi<");
  });

  it("draws a refused move over the list it was made on, keeping its order and page", async () => {
    const { orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    for (const to of ["packed", "shipped"]) {
      await api(`/api/admin/orders/${orderId}/transitions`, { method: "POST", headers: ops.headers, body: { to } });
    }
    // A packed list drawn before a colleague shipped the order still offers to cancel it.
    const page = await (await api("/ops?status=packed&sort=newest", { headers: ops.headers })).text();
    expect(page).toContain('<input type="hidden" name="sort" value="newest"/>');
    const res = await consolePost(`/ops/orders/${orderId}/transitions`, { to: "cancelled", status: "packed", sort: "newest" }, ops.headers);
    expect(res.status).toBe(409);
    const refused = await res.text();
    expect(refused).toContain("An order that is shipped cannot become cancelled.");
    expect(refused).toContain("<h2>Packed orders</h2>");
    expect(refused).toContain("Newest first.");
    const moved = await consolePost(
      `/ops/orders/${orderId}/transitions`,
      { to: "delivered", status: "shipped", sort: "newest" },
      ops.headers,
    );
    expect(moved.headers.get("location")).toBe(`/ops?status=shipped&sort=newest&done=delivered&order=${orderId}`);
  });

  it("answers a double-clicked Cancel and refund as done, giving the stock and money back once", async () => {
    const { f, user, orderId } = await confirmedOrder({ qty: 2, available: 5 });
    const ops = await createTestUser(["ops"]);
    const cancel = () => consolePost(`/ops/orders/${orderId}/transitions`, { to: "cancelled", status: "confirmed" }, ops.headers);
    const first = await cancel();
    expect(first.status).toBe(303);
    expect(await orderStatus(orderId, user.headers)).toBe("refunded");
    // The second click lands after the first has cancelled and refunded the order.
    const second = await cancel();
    expect(second.status).toBe(303);
    expect(second.headers.get("location")).toBe(`/ops?status=confirmed&done=cancelled&order=${orderId}`);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", refunded: 259800, providerRefunded: 259800 });
    const cancels = await env.DB.prepare("SELECT COUNT(*) AS n FROM order_transitions WHERE order_id = ? AND to_status = 'cancelled'")
      .bind(orderId)
      .first<{ n: number }>();
    expect(cancels?.n).toBe(1);
  });

  it("still refuses to cancel an order refunded after delivery", async () => {
    const { user, orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    for (const to of ["packed", "shipped", "delivered", "refunded"]) {
      expect((await consolePost(`/ops/orders/${orderId}/transitions`, { to, status: "confirmed" }, ops.headers)).status).toBe(303);
    }
    const cancel = await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: user.headers });
    expect(cancel.status).toBe(409);
    expect(await orderStatus(orderId, user.headers)).toBe("refunded");
  });

  it("shows ops the cancellations still settling, and nothing when all are settled", async () => {
    const ops = await createTestUser(["ops"]);
    expect(await (await api("/ops", { headers: ops.headers })).text()).not.toContain("data-unsettled");
    const { user, orderId } = await confirmedOrder();
    // Cancelled, and the cancel request died before giving anything back.
    await transitionOrder(env.DB, { orderId, to: "cancelled", actor: "shopper", actorId: user.id, reason: "changed my mind" });
    const page = await (await api("/ops", { headers: ops.headers })).text();
    expect(page).toContain("Cancellations still settling");
    expect(page).toContain(`href="/ops/orders/${orderId}"`);
  });

  it("shows the inventory audit for a SKU as conserved", async () => {
    const { f } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    const page = await (await api(`/ops?sku=${f.listingId}`, { headers: ops.headers })).text();
    expect(page).toContain("Conserved: every unit is accounted for.");
    // The journal's agreement and each warehouse's counters, to find where a unit went.
    expect(readerText(page)).toMatch(/The journal's \d+ entries add up to these counters\./);
    const table = /<table[^>]*data-audit-warehouses[^>]*>[\s\S]*?<\/table>/.exec(page)?.[0] ?? "";
    expect(table).toContain(`<th scope="row">${f.warehouseId}</th>`);
    expect(readerText(table)).toContain("All warehouses");

    // Receipts are net of counts, so a SKU counted down can show a negative one; the panel says so.
    expect(readerText(page)).toContain(
      "Received is net of stock counts: a count that found fewer units on the shelf than the books held is a negative receipt.",
    );

    const unknown = await (await api("/ops?sku=lst_nothing_here", { headers: ops.headers })).text();
    expect(readerText(unknown)).toContain("No inventory for SKU lst_nothing_here. Check the listing id.");
  });

  it("says a SKU too long to be a listing id is none, and keeps what was typed, rather than drawing nothing", async () => {
    const ops = await createTestUser(["ops"]);
    const typed = `lst_${"9".repeat(120)}`;
    const page = await (await api(`/ops?sku=${typed}`, { headers: ops.headers })).text();
    expect(readerText(page)).toContain("No listing has that id: a listing id is at most 64 characters");
    expect(page).toContain(`value="${typed}"`);
    expect(page).not.toContain("data-audit-result");
  });

  it("pauses and resumes a deal from the dashboard", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup);
    const paused = await consolePost(`/deals-console/${id}/pause`, {}, setup.manager.headers);
    expect(paused.status).toBe(303);
    expect(paused.headers.get("location")).toBe(`/deals-console/${id}?done=paused`);
    const board = await (await api(`/deals-console/${id}?done=paused`, { headers: setup.manager.headers })).text();
    expect(board).toMatch(/data-figure="status">Paused</);
    expect(board).toContain('<p class="panel ok" role="status">The deal is paused. Shoppers in its waiting room keep their places');
    await consolePost(`/deals-console/${id}/resume`, {}, setup.manager.headers);
    const again = (await (await api(`/api/admin/deals/${id}`, { headers: setup.manager.headers })).json()) as {
      figures: { status: string };
    };
    expect(again.figures.status).not.toBe("paused");
  });

  it("refuses a stock count from a seller page drawn before a sale, with a 409 page that changes nothing", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const stockForm = async () => {
      const page = await (await api("/seller", { headers: seller.headers })).text();
      const form = page.slice(page.indexOf(`action="/seller/listings/${f.listingId}/stock"`));
      return {
        warehouse_id: f.warehouseId,
        available: "10",
        version: /name="version" value="(\d+)"/.exec(form)![1]!,
        key: /name="key" value="([^"]+)"/.exec(form)![1]!,
      };
    };
    const available = async () =>
      (await env.DB.prepare("SELECT available FROM inventory WHERE sku_id = ?").bind(f.listingId).first<number>("available")) ?? -1;
    const drawn = await stockForm();
    await reserveStock(env.DB, { skuId: f.listingId, qty: 3, ref: `page-buy-${f.listingId}`, ttlSeconds: 600 });

    const stale = await consolePost(`/seller/listings/${f.listingId}/stock`, drawn, seller.headers);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("The stock changed since this page was loaded");
    expect(await available()).toBe(7);

    const redrawn = await stockForm();
    const saved = await consolePost(`/seller/listings/${f.listingId}/stock`, redrawn, seller.headers);
    expect(saved.status).toBe(303);
    expect(await available()).toBe(10);
    // Submitting the same form twice (a double click) counts once and still lands on the saved page.
    await reserveStock(env.DB, { skuId: f.listingId, qty: 2, ref: `page-buy-2-${f.listingId}`, ttlSeconds: 600 });
    expect((await consolePost(`/seller/listings/${f.listingId}/stock`, redrawn, seller.headers)).status).toBe(303);
    expect(await available()).toBe(8);
    // Back to the saved form, another count, Save: the change in the way is the seller's own save, said so.
    const resent = await consolePost(`/seller/listings/${f.listingId}/stock`, { ...redrawn, available: "12" }, seller.headers);
    expect(resent.status).toBe(409);
    const resentText = readerText(await resent.text());
    expect(resentText).toContain("You saved this stock form already, so this second count was not saved.");
    expect(resentText).not.toContain("an order may have");
    expect(await available()).toBe(8);
    // A form whose hidden key was lost (an old copy of the page) is refused in words, not in a pattern.
    const keyless = await consolePost(`/seller/listings/${f.listingId}/stock`, { ...redrawn, key: "" }, seller.headers);
    expect(keyless.status).toBe(400);
    const keylessText = readerText(await keyless.text());
    expect(keylessText).toContain("This form came from an older copy of the page, so nothing was saved.");
    expect(keylessText).not.toContain("pattern");
  });
});

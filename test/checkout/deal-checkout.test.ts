import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { finishRestocks } from "../../workers/checkout/restocks";
import { stepCommitStock, stepMarkAuthorized } from "../../workers/checkout/saga-steps";
import { gateFor } from "../../workers/deals/gate-client";
import { applyGateJournal } from "../../workers/inventory/journal-consumer";
import { signAdmission } from "../../workers/deals/tickets";
import { createTestUser } from "../helpers/accounts";
import { ORIGIN, api } from "../helpers/http";
import { cancelOrder } from "../../workers/orders/lifecycle";
import { transitionOrder } from "../../workers/orders/transitions";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { applyProductChanges } from "../catalog/queue";
import { admittedShopper, dealCheckout, placeDealOrder } from "./deal-support";
import { ADDRESS, checkout, moneyOf, pay, stockOf, waitForStatus } from "./support";

describe("checkout of a deal item", () => {
  it("needs a valid admission token, sells from the deal's gate at the deal price, and confirms", async () => {
    const s = await dealSetup(20);
    const dealId = await createDealViaApi(s, { units: 5, per_user_limit: 1, starts_at: new Date(Date.now() + 300).toISOString() });
    await scheduler.wait(400);
    const user = await createTestUser();
    const cart = await api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    expect(((await cart.json()) as { items: Array<{ price: number; deal_id: string }> }).items[0]).toMatchObject({
      price: 99900,
      deal_id: dealId,
    });

    const missing = await checkout(user, crypto.randomUUID());
    expect(missing.status).toBe(400);
    const someoneElses = await signAdmission(env.TICKET_SECRET, dealId, "usr_someone_else", Date.now() + 60_000);
    expect(
      (await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", admission_token: someoneElses })).status,
    ).toBe(403);
    expect((await gateFor(env, dealId).figures()).reserved).toBe(0);

    const token = await signAdmission(env.TICKET_SECRET, dealId, user.id, Date.now() + 60_000);
    const res = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", admission_token: token });
    expect(res.status).toBe(201);
    const placed = (await res.json()) as { order_id: string; total: number; payment: { redirect_url: string } };
    expect(placed.total).toBe(99900);
    expect((await gateFor(env, dealId).figures()).reserved).toBe(1);
    await pay(placed.payment.redirect_url);
    await waitForStatus(placed.order_id, ["confirmed"]);
    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 1, reserved: 0 });
    expect(await moneyOf(placed.order_id)).toMatchObject({ status: "captured", captured: 99900 });
  });

  it("never charges a deal's price above the listing's, after the seller lowers the listing below the deal", async () => {
    const s = await dealSetup(20);
    const dealId = await createDealViaApi(s, { units: 5, per_user_limit: 1, starts_at: new Date(Date.now() + 300).toISOString() });
    await scheduler.wait(400);
    const user = await createTestUser();
    const added = await api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    expect(((await added.json()) as { items: Array<{ price: number }> }).items[0]?.price).toBe(99900);

    // The deal was made at ₹999 on a ₹1,299 listing; the seller now sells the listing at ₹899.
    const seller = await createTestUser(["seller"], { sellerId: s.fixture.sellerId });
    const patch = await api(`/api/seller/listings/${s.fixture.listingId}`, {
      method: "PATCH",
      headers: seller.headers,
      body: { price: 89900 },
    });
    expect(patch.status).toBe(200);
    expect((await applyProductChanges(s.fixture.productId)).retryMessages).toEqual([]);

    const product = (await (await api(`/api/products/${s.fixture.productId}`)).json()) as {
      buy_box: { price: number };
      deal: { id: string; deal_price: number };
    };
    expect(product.buy_box.price).toBe(89900);
    expect(product.deal).toMatchObject({ id: dealId, deal_price: 89900 });
    const deals = (await (await api("/api/deals")).json()) as { items: Array<{ id: string; deal_price: number }> };
    expect(deals.items.find((d) => d.id === dealId)?.deal_price).toBe(89900);

    const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as {
      items: Array<{ price: number; changes: string[] }>;
      totals: { total: number };
    };
    expect(cart.items[0]).toMatchObject({ price: 89900, changes: ["price_down"] });
    expect(cart.totals.total).toBe(89900);

    // The shopper is told of the lower price first, then checks out at it.
    const told = await dealCheckout(user, dealId);
    expect(told.status).toBe(409);
    expect(await told.json()).toMatchObject({ changes: [{ change: "price_down", was: 99900, now: 89900 }] });
    const res = await dealCheckout(user, dealId);
    expect(res.status).toBe(201);
    const placed = (await res.json()) as { order_id: string; total: number };
    expect(placed.total).toBe(89900);
    const order = (await (await api(`/api/orders/${placed.order_id}`, { headers: user.headers })).json()) as {
      items: Array<{ unit_price: number }>;
    };
    expect(order.items.map((i) => i.unit_price)).toEqual([89900]);
  });

  it("puts a cancelled deal sale back on the shelf, and the cron finishes a restock the cancel could not do yet", async () => {
    const s = await dealSetup(20);
    const dealId = await createDealViaApi(s, { units: 5, per_user_limit: 1, starts_at: new Date(Date.now() + 300).toISOString() });
    await scheduler.wait(400);
    const user = await createTestUser();
    await api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const token = await signAdmission(env.TICKET_SECRET, dealId, user.id, Date.now() + 60_000);
    const res = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", admission_token: token });
    const placed = (await res.json()) as { order_id: string; payment: { redirect_url: string } };
    await pay(placed.payment.redirect_url);
    await waitForStatus(placed.order_id, ["confirmed"]);
    // The gate books the sale into D1 through the journal queue; wait for it to land.
    for (let i = 0; i < 100 && (await stockOf(s.fixture.listingId))!.sold < 1; i++) await scheduler.wait(100);
    const sold = (await stockOf(s.fixture.listingId))!;
    expect(sold.sold).toBe(1);

    expect((await api(`/api/orders/${placed.order_id}/cancel`, { method: "POST", headers: user.headers })).status).toBe(200);
    const restocked = await stockOf(s.fixture.listingId);
    expect(restocked).toMatchObject({ sold: 0, available: sold.available + 1 });
    expect(await finishRestocks(env)).toBe(0);

    // As if the cancel had come before the sale reached D1: the restock did not happen, so the
    // cron never found the order done with.
    await env.DB.batch([
      env.DB.prepare("DELETE FROM inventory_journal WHERE ref LIKE ? AND kind = 'deal_restock'").bind("%:restock"),
      env.DB.prepare("UPDATE inventory SET sold = sold + 1, available = available - 1 WHERE sku_id = ?").bind(s.fixture.listingId),
      env.DB.prepare("UPDATE orders SET restocks_done_at = NULL WHERE id = ?").bind(placed.order_id),
    ]);
    expect(await finishRestocks(env)).toBe(1);
    expect(await stockOf(s.fixture.listingId)).toMatchObject({ sold: 0, available: sold.available + 1 });
    expect(await finishRestocks(env)).toBe(0);
  });

  it("puts back a deal unit whose order was cancelled before its sale reached the ledger, as soon as the sale arrives", async () => {
    const { user, dealId, listingId } = await admittedShopper();
    const p = await placeDealOrder(user, dealId);
    // Let the gate ship the hold's journal, so the sale below is shipped a second after it is made.
    for (let i = 0; i < 100 && (await gateFor(env, dealId).figures()).journalPending > 0; i++) await scheduler.wait(50);
    const before = (await stockOf(listingId))!;

    expect(await stepMarkAuthorized(env, p)).toEqual({ stopped: false });
    expect(await stepCommitStock(env, p)).toEqual({ committed: true });
    // The shopper cancels before the saga confirms, and before the gate's sale reaches D1.
    await cancelOrder(env, p.orderId, { actor: "shopper", actorId: user.id, origin: ORIGIN }, "changed my mind");
    expect(await stockOf(listingId)).toEqual(before);

    // The sale lands with its restock in the same batch: sold and put back, once, with no cron.
    const restocks = () =>
      env.DB.prepare("SELECT COUNT(*) AS n FROM inventory_journal WHERE sku_id = ? AND kind IN ('deal_sale', 'deal_restock') GROUP BY kind")
        .bind(listingId)
        .all<{ n: number }>();
    for (let i = 0; i < 100 && (await restocks()).results.length < 2; i++) await scheduler.wait(100);
    expect((await restocks()).results.map((r) => r.n)).toEqual([1, 1]);
    expect(await stockOf(listingId)).toMatchObject({ sold: 0, available: before.available + 1 });
    expect(await finishRestocks(env)).toBe(0);
  });

  it("the cron settles a cancelled deal line that was never sold once, and still restocks the shopper's next order", async () => {
    const { user, dealId, listingId } = await admittedShopper();
    const placeAuthorized = async () => {
      const p = await placeDealOrder(user, dealId);
      expect(await stepMarkAuthorized(env, p)).toEqual({ stopped: false });
      return p;
    };
    const first = await placeAuthorized();
    // Cancelled after authorization, before the saga committed the unit: the hold goes back to the deal.
    await cancelOrder(env, first.orderId, { actor: "shopper", actorId: user.id, origin: ORIGIN }, "changed my mind");
    expect(await gateFor(env, dealId).figures()).toMatchObject({ reserved: 0, sold: 0 });
    expect(await finishRestocks(env)).toBe(1);
    // Settled: later ticks do not ask the gate about it again.
    expect(await finishRestocks(env)).toBe(0);

    // The shopper's next order holds the same deal hold again, buys it, and cancels before the
    // sale reaches D1: the note about the first order must not hide this one.
    await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const second = await placeAuthorized();
    for (let i = 0; i < 100 && (await gateFor(env, dealId).figures()).journalPending > 0; i++) await scheduler.wait(50);
    const before = (await stockOf(listingId))!;
    expect(await stepCommitStock(env, second)).toEqual({ committed: true });
    await cancelOrder(env, second.orderId, { actor: "shopper", actorId: user.id, origin: ORIGIN }, "changed my mind again");
    // Its sale reaches the ledger after the cancel and is put back with it.
    for (let i = 0; i < 100 && (await stockOf(listingId))!.available < before.available + 1; i++) await scheduler.wait(100);
    expect(await stockOf(listingId)).toMatchObject({ sold: 0, available: before.available + 1 });
    expect(await finishRestocks(env)).toBe(0);
  });

  it("does not put back a sale whose hold id an order still standing shares with a cancelled one", async () => {
    const { user, dealId, listingId } = await admittedShopper();
    const p = await placeDealOrder(user, dealId);
    await cancelOrder(env, p.orderId, { actor: "shopper", actorId: user.id, origin: ORIGIN }, "changed my mind");
    // A second order under the same hold id, as every checkout of a shopper had before holds were per order.
    const line = await env.DB.prepare("SELECT reservation_id AS ref FROM order_items WHERE order_id = ?")
      .bind(p.orderId)
      .first<{ ref: string }>();
    const other = `${p.orderId}_b`;
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO orders (id, user_id, status, idempotency_key, subtotal, total, currency, address, payment_method, deal_id, saga_id, created_at, updated_at)
         SELECT ?1, user_id, 'confirmed', idempotency_key || '-b', subtotal, total, currency, address, payment_method, deal_id, NULL, created_at, updated_at
         FROM orders WHERE id = ?2`,
      ).bind(other, p.orderId),
      env.DB.prepare(
        `INSERT INTO order_items (order_id, listing_id, product_id, seller_id, title, qty, unit_price, mrp, deal_id, reservation_id, created_at)
         SELECT ?1, listing_id, product_id, seller_id, title, qty, unit_price, mrp, deal_id, reservation_id, created_at FROM order_items WHERE order_id = ?2`,
      ).bind(other, p.orderId),
    ]);
    const deal = await env.DB.prepare("SELECT warehouse_id AS wh FROM deals WHERE id = ?").bind(dealId).first<{ wh: string }>();
    const before = (await stockOf(listingId))!;
    await applyGateJournal(env.DB, {
      source: "sku-gate",
      dealId,
      skuId: listingId,
      warehouseId: deal?.wh ?? "",
      entries: [{ seq: 900, kind: "commit", reservationId: line?.ref ?? "", qty: 1, at: new Date().toISOString() }],
    });
    // Sold to the order still standing: it stays sold.
    expect(await stockOf(listingId)).toMatchObject({ sold: before.sold + 1, available: before.available });
  });

  it("the cron's restocks go on past a deal whose gate fails", async () => {
    // Sold and in the ledger, then cancelled by a request that died before giving the unit back.
    const cancelledSale = async () => {
      const { user, dealId, listingId } = await admittedShopper();
      const p = await placeDealOrder(user, dealId);
      expect(await stepMarkAuthorized(env, p)).toEqual({ stopped: false });
      expect(await stepCommitStock(env, p)).toEqual({ committed: true });
      for (let i = 0; i < 100 && (await stockOf(listingId))!.sold < 1; i++) await scheduler.wait(100);
      await transitionOrder(env.DB, { orderId: p.orderId, to: "cancelled", actor: "shopper", actorId: user.id, reason: "changed my mind" });
      return { dealId, listingId, before: (await stockOf(listingId))! };
    };
    const broken = await cancelledSale();
    const fine = await cancelledSale();
    const gates = env.SKU_GATE as DurableObjectNamespace;
    const failing = {
      ...env,
      SKU_GATE: {
        idFromName: (name: string) => gates.idFromName(name),
        get: (id: DurableObjectId) => {
          if (!id.equals(gates.idFromName(broken.dealId))) return gates.get(id);
          return { release: () => Promise.reject(new Error("gate unavailable")) };
        },
      },
    } as unknown as Env;
    expect(await finishRestocks(failing)).toBe(2);
    expect(await stockOf(fine.listingId)).toMatchObject({ sold: 0, available: fine.before.available + 1 });
    expect(await stockOf(broken.listingId)).toEqual(broken.before);
    // The gate is back: the next tick finishes the other one.
    expect(await finishRestocks(env)).toBe(1);
    expect(await stockOf(broken.listingId)).toMatchObject({ sold: 0, available: broken.before.available + 1 });
  });

  it("sells a deal hold to one order: a later checkout by the same shopper is refused, and the first order's replays still succeed", async () => {
    const { user, dealId, listingId } = await admittedShopper();
    const first = await dealCheckout(user, dealId);
    expect(first.status).toBe(201);
    const placed = (await first.json()) as { order_id: string; payment: { redirect_url: string } };
    await pay(placed.payment.redirect_url);
    await waitForStatus(placed.order_id, ["confirmed"]);

    await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const again = await dealCheckout(user, dealId);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ reason: "per_user_limit" });
    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 1, reserved: 0 });
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE user_id = ?").bind(user.id).first<{ n: number }>();
    expect(orders?.n).toBe(1);

    // The saga replaying its commit step (as a Workflow does after a crash) still counts as committed.
    const order = await env.DB.prepare("SELECT saga_id AS sagaId FROM orders WHERE id = ?")
      .bind(placed.order_id)
      .first<{ sagaId: string }>();
    const params = { sagaId: order?.sagaId ?? "", orderId: placed.order_id, userId: user.id, origin: "" };
    expect(await stepCommitStock(env, params)).toEqual({ committed: true });
    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 1, reserved: 0 });
  });

  it("lets a shopper come back for more, up to the deal's limit, each order buying and giving back its own unit", async () => {
    const { user, dealId, listingId } = await admittedShopper(2);
    const buy = async () => {
      // Held on the deal page first, as an admitted shopper does; checkout takes that hold over.
      const token = await signAdmission(env.TICKET_SECRET, dealId, user.id, Date.now() + 60_000);
      const hold = await api(`/api/deals/${dealId}/hold`, { headers: user.headers, body: { admission_token: token, qty: 1 } });
      expect(hold.status).toBe(201);
      await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
      const res = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", admission_token: token });
      expect(res.status).toBe(201);
      expect((await gateFor(env, dealId).figures()).reserved).toBe(1);
      const placed = (await res.json()) as { order_id: string; payment: { redirect_url: string } };
      await pay(placed.payment.redirect_url);
      await waitForStatus(placed.order_id, ["confirmed"]);
      return placed.order_id;
    };
    const first = await buy();
    await buy();
    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 2, reserved: 0 });

    await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const third = await dealCheckout(user, dealId);
    expect(third.status).toBe(409);
    expect(await third.json()).toMatchObject({ reason: "per_user_limit" });

    // Cancelling the first order puts back its unit alone.
    for (let i = 0; i < 100 && (await stockOf(listingId))!.sold < 2; i++) await scheduler.wait(100);
    const sold = (await stockOf(listingId))!;
    expect(sold.sold).toBe(2);
    expect((await api(`/api/orders/${first}/cancel`, { method: "POST", headers: user.headers })).status).toBe(200);
    expect(await stockOf(listingId)).toMatchObject({ sold: 1, available: sold.available + 1 });
    expect(await finishRestocks(env)).toBe(0);
  });

  it("does not share one unpaid deal hold between two checkouts at once", async () => {
    const { user, dealId, listingId } = await admittedShopper();
    const first = (await (await dealCheckout(user, dealId)).json()) as { order_id: string; payment: { redirect_url: string } };
    await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const second = await dealCheckout(user, dealId);
    expect(second.status).toBe(409);
    // The refused checkout gave back nothing of the first one's.
    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 0, reserved: 1 });
    await pay(first.payment.redirect_url);
    await waitForStatus(first.order_id, ["confirmed"]);
    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 1, reserved: 0 });
  });

  it("lets a shopper whose card was declined buy the deal with a new checkout", async () => {
    const { user, dealId, listingId } = await admittedShopper();
    const declined = (await (await dealCheckout(user, dealId)).json()) as { order_id: string; payment: { redirect_url: string } };
    await pay(declined.payment.redirect_url, "fail");
    await waitForStatus(declined.order_id, ["payment_failed"]);
    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 0, reserved: 0 });

    await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const retry = await dealCheckout(user, dealId);
    expect(retry.status).toBe(201);
    const placed = (await retry.json()) as { order_id: string; payment: { redirect_url: string } };
    await pay(placed.payment.redirect_url);
    await waitForStatus(placed.order_id, ["confirmed"]);
    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 1, reserved: 0 });
  });
});

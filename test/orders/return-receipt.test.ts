import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { canTransition } from "../../workers/orders/state-machine";
import { ADDRESS, checkout, shopperWithCart } from "../checkout/support";
import { consolePost } from "../helpers/forms";
import { api, readerText as text } from "../helpers/http";
import { inventoryRows } from "../helpers/inventory";
import { askReturn, deliveredPaidOrder, opsMove, orderTrail } from "./returns-seed";

interface AuditBody {
  conserved: boolean;
  journal_agrees: boolean;
  sold: number;
  returned: number;
  available: number;
  journal: { returned: number };
}

/** A paid order delivered, asked back by its shopper and accepted by ops: its goods are on their way back. */
async function acceptedReturn(available = 10) {
  const placed = await deliveredPaidOrder("upi", available);
  expect((await askReturn(placed.orderId, placed.user, { reason: "size_fit" })).status).toBe(200);
  expect((await opsMove(placed.orderId, placed.ops, { to: "refunded" })).status).toBe(200);
  return placed;
}

/** The journal rows booking an order's return. */
async function returnJournal(listingId: string) {
  const { results } = await env.DB.prepare(
    "SELECT kind, reason, ref, d_available, d_returned, d_damaged FROM inventory_journal WHERE sku_id = ? AND kind = 'return' ORDER BY id",
  )
    .bind(listingId)
    .all<{ kind: string; reason: string; ref: string; d_available: number; d_returned: number; d_damaged: number }>();
  return results;
}

async function audit(listingId: string, headers: Record<string, string>): Promise<AuditBody> {
  const res = await api(`/api/admin/inventory/${listingId}/audit`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as AuditBody;
}

/** A second shopper's checkout of one unit of the listing: 201 when it can be bought, 409 when sold out. */
async function buyOne(listingId: string): Promise<number> {
  const other = await shopperWithCart([[listingId, 1]]);
  return (await checkout(other, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi" })).status;
}

describe("receiving a returned order's goods back", () => {
  it("puts sellable units back on sale where they shipped from, so the sold-out listing can be bought again", async () => {
    const { f, orderId, user, ops } = await acceptedReturn(1);
    expect(await buyOne(f.listingId)).toBe(409);
    const catalogBefore = await env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE topic = 'catalog' AND payload LIKE ?")
      .bind(`%${f.listingId}%`)
      .first<{ n: number }>();

    const res = await opsMove(orderId, ops, { to: "return_received", condition: "sellable", from: "refunded" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("return_received");

    expect(await inventoryRows(f.listingId)).toEqual([expect.objectContaining({ warehouse_id: f.warehouseId, available: 1, sold: 1 })]);
    const product = await env.DB.prepare("SELECT stock_total FROM products WHERE id = ?")
      .bind(f.productId)
      .first<{ stock_total: number }>();
    expect(product?.stock_total).toBe(1);
    // The projection, the cached pages and search hear of it as of any stock movement.
    const catalogAfter = await env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE topic = 'catalog' AND payload LIKE ?")
      .bind(`%${f.listingId}%`)
      .first<{ n: number }>();
    expect(catalogAfter!.n).toBeGreaterThan(catalogBefore!.n);
    expect(await returnJournal(f.listingId)).toEqual([
      {
        kind: "return",
        reason: "returned sellable: back on sale",
        ref: `${orderId}:return:${f.listingId}`,
        d_available: 1,
        d_returned: 1,
        d_damaged: 0,
      },
    ]);
    expect(await audit(f.listingId, ops.headers)).toMatchObject({
      conserved: true,
      journal_agrees: true,
      sold: 1,
      returned: 1,
      available: 1,
      journal: { returned: 1 },
    });

    // The shopper's order says so.
    const page = text(await (await api(`/orders/${orderId}`, { headers: user.headers })).text());
    expect(page).toContain("Status: Return received");
    expect(page).toContain("We have received the items you sent back.");

    expect(await buyOne(f.listingId)).toBe(201);
  });

  it("restocks once however often it is asked, and refuses the repeats with 409", async () => {
    const { f, orderId, ops } = await acceptedReturn();
    const [a, b] = await Promise.all([
      opsMove(orderId, ops, { to: "return_received", condition: "sellable" }),
      opsMove(orderId, ops, { to: "return_received", condition: "sellable" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const stock = await inventoryRows(f.listingId);
    const trail = await orderTrail(orderId);
    expect(stock[0]).toMatchObject({ available: 10 });

    const again = await opsMove(orderId, ops, { to: "return_received", condition: "damaged" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toContain("This return was received already");
    expect(await inventoryRows(f.listingId)).toEqual(stock);
    expect(await orderTrail(orderId)).toEqual(trail);
    expect(await returnJournal(f.listingId)).toHaveLength(1);
    expect(await audit(f.listingId, ops.headers)).toMatchObject({ conserved: true, returned: 1 });
  });

  it("records damaged goods without putting them on sale", async () => {
    const { f, orderId, ops } = await acceptedReturn();
    const before = await inventoryRows(f.listingId);
    const res = await opsMove(orderId, ops, { to: "return_received", condition: "damaged", reason: "Screen cracked" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; timeline: Array<{ to: string; reason: string }> };
    expect(body.status).toBe("return_received");
    expect(body.timeline.at(-1)).toMatchObject({
      to: "return_received",
      reason: "Return received damaged: kept off sale (Screen cracked)",
    });
    expect(await inventoryRows(f.listingId)).toEqual(before);
    expect(await returnJournal(f.listingId)).toEqual([
      expect.objectContaining({ reason: "returned damaged: kept off sale", d_available: 0, d_damaged: 1 }),
    ]);
    expect(await audit(f.listingId, ops.headers)).toMatchObject({
      conserved: true,
      journal_agrees: true,
      returned: 0,
      sold: 1,
      damaged: 1,
    });
  });

  it("refuses an order whose goods are not coming back, or without their condition, and changes nothing", async () => {
    expect(canTransition("refunded", "return_received", "ops")).toBe(true);
    expect(canTransition("refunded", "return_received", "shopper")).toBe(false);

    // Refunded by ops on their own, without a return: nothing was sent back.
    const direct = await deliveredPaidOrder();
    expect((await opsMove(direct.orderId, direct.ops, { to: "refunded" })).status).toBe(200);
    const directTrail = await orderTrail(direct.orderId);
    const stock = await inventoryRows(direct.f.listingId);
    const refused = await opsMove(direct.orderId, direct.ops, { to: "return_received", condition: "sellable" });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toContain("was refunded without a return");
    expect(await orderTrail(direct.orderId)).toEqual(directTrail);
    expect(await inventoryRows(direct.f.listingId)).toEqual(stock);

    // A return still waiting on ops' decision.
    const pending = await deliveredPaidOrder();
    expect((await askReturn(pending.orderId, pending.user)).status).toBe(200);
    expect((await opsMove(pending.orderId, pending.ops, { to: "return_received", condition: "sellable" })).status).toBe(409);
    expect((await orderTrail(pending.orderId))?.status).toBe("return_requested");

    const { orderId, ops, f } = await acceptedReturn();
    const trail = await orderTrail(orderId);
    const bare = await opsMove(orderId, ops, { to: "return_received" });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { errors: Array<{ path: string }> }).errors).toEqual([expect.objectContaining({ path: "condition" })]);
    expect((await opsMove(orderId, ops, { to: "return_received", condition: "like new" })).status).toBe(400);
    expect(await orderTrail(orderId)).toEqual(trail);
    expect(await returnJournal(f.listingId)).toEqual([]);
  });

  it("offers recording the goods received, with the goods' condition in the ops console, only for an accepted return", async () => {
    const { orderId, ops, f } = await acceptedReturn();
    const direct = await deliveredPaidOrder();
    expect((await opsMove(direct.orderId, direct.ops, { to: "refunded" })).status).toBe(200);

    const board = await (await api("/ops?status=refunded", { headers: ops.headers })).text();
    const row = (id: string) => new RegExp(`<tr data-order-id="${id}">[\\s\\S]*?</tr>`).exec(board)?.[0] ?? "";
    expect(text(row(orderId))).toContain("Record goods received");
    expect(row(orderId)).toContain('name="condition"');
    expect(text(row(direct.orderId))).not.toContain("Record goods received");
    expect(text(await (await api(`/ops/orders/${orderId}`, { headers: ops.headers })).text())).toContain("Receive the returned goods");

    // Ops choose the goods' condition: none is picked for them, so a click that skips it is asked to choose.
    const select = /<select name="condition" required[^>]*>([\s\S]*?)<\/select>/.exec(row(orderId))?.[1] ?? "";
    expect(select).toMatch(/^<option value="">Choose…<\/option>/);
    expect(select).not.toContain("selected");
    const stock = await inventoryRows(f.listingId);
    const skipped = await consolePost(
      `/ops/orders/${orderId}/transitions`,
      { to: "return_received", from: "refunded", condition: "", status: "refunded", back: "order" },
      ops.headers,
    );
    expect(skipped.status).toBe(400);
    expect(text(await skipped.text())).toContain("Receiving a return needs the goods' condition: sellable or damaged. Nothing changed.");
    expect(await inventoryRows(f.listingId)).toEqual(stock);
    expect(await returnJournal(f.listingId)).toEqual([]);

    const res = await consolePost(
      `/ops/orders/${orderId}/transitions`,
      { to: "return_received", from: "refunded", condition: "sellable", status: "refunded", back: "order" },
      ops.headers,
    );
    expect(res.status).toBe(303);
    const after = text(await (await api(res.headers.get("location")!, { headers: ops.headers })).text());
    expect(after).toContain("Return received in sellable condition. Its units are back on sale at the warehouse they shipped from.");
    // The return's own panel says how the goods came back, after the page is left and opened again.
    const panel = (html: string) => /<dd data-return-outcome[^>]*>([\s\S]*?)<\/dd>/.exec(html)?.[1] ?? "";
    const reopened = await (await api(`/ops/orders/${orderId}`, { headers: ops.headers })).text();
    expect(text(panel(reopened)).trim()).toMatch(
      /^accepted; goods received sellable, back on sale \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2} [ap]m IST$/,
    );
    expect((await inventoryRows(f.listingId))[0]).toMatchObject({ available: 10 });
  });

  it("says the goods were kept off sale when ops receive them damaged, from the refunded list", async () => {
    const { orderId, ops, f } = await acceptedReturn();
    const stock = await inventoryRows(f.listingId);
    const res = await consolePost(
      `/ops/orders/${orderId}/transitions`,
      { to: "return_received", from: "refunded", condition: "damaged", status: "refunded" },
      ops.headers,
    );
    expect(res.status).toBe(303);
    const after = text(await (await api(res.headers.get("location")!, { headers: ops.headers })).text());
    expect(after).toContain(`Order ${orderId}: Return received damaged. Its units are recorded and kept off sale.`);
    const page = await (await api(`/ops/orders/${orderId}`, { headers: ops.headers })).text();
    expect(text(/<dd data-return-outcome[^>]*>([\s\S]*?)<\/dd>/.exec(page)?.[1] ?? "")).toContain(
      "accepted; goods received damaged, kept off sale ",
    );
    expect((await inventoryRows(f.listingId))[0]).toMatchObject({ available: stock[0]?.available });
  });
});

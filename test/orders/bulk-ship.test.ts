import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { consumeEvents, opsMove, orderTrail, packedOrders, sentEmails } from "./returns-seed";

interface ShipmentJson {
  carrier: string;
  carrier_name: string;
  tracking_number: string;
  tracking_url: string | null;
}

function bulkMove(ops: TestUser, body: unknown): Promise<Response> {
  return api("/api/admin/orders/transitions", { method: "POST", headers: ops.headers, body });
}

async function shopperShipment(orderId: string, user: TestUser): Promise<{ status: string; shipment: ShipmentJson | null }> {
  const res = await api(`/api/orders/${orderId}`, { headers: user.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; shipment: ShipmentJson | null };
}

/** What shipping wrote for the order: its shipment rows and the invoices it issued. */
async function written(orderId: string) {
  const rows = await env.DB.prepare("SELECT carrier, carrier_name, tracking_number, actor FROM shipments WHERE order_id = ? ORDER BY id")
    .bind(orderId)
    .all();
  const invoices = await env.DB.prepare("SELECT COUNT(*) AS n FROM invoices WHERE order_id = ?").bind(orderId).first<{ n: number }>();
  return { shipments: rows.results, invoices: invoices?.n ?? 0 };
}

async function namedFields(res: Response): Promise<string[]> {
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
}

describe("shipping in bulk with each order's courier and AWB", () => {
  it("records each order's shipment as the single move does: the shopper's tracking, the ops trail and the Shipped message", async () => {
    const ops = await createTestUser(["ops"]);
    const [a, b, bare, single] = await packedOrders(ops, 4);
    const one = await api(`/api/admin/orders/${single!.orderId}/transitions`, {
      method: "POST",
      headers: ops.headers,
      body: { to: "shipped", from: "packed", shipment: { carrier: "delhivery", tracking_number: "1234 5678 90123" } },
    });
    expect(one.status).toBe(200);

    const res = await bulkMove(ops, {
      order_ids: [a!.orderId, b!.orderId, bare!.orderId],
      from: "packed",
      to: "shipped",
      shipments: [
        { order_id: a!.orderId, carrier: "delhivery", tracking_number: "1234-5678-90124" },
        { order_id: b!.orderId, carrier: "other", name: "Gati", tracking_number: "gati 12345678" },
      ],
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toEqual(
      [a, b, bare].map((o) => ({ id: o!.orderId, outcome: "moved", status: "shipped" })),
    );

    // The shopper follows the parcel as after a single move: the carrier's page, or the courier's name alone.
    expect((await shopperShipment(a!.orderId, a!.user)).shipment).toMatchObject({
      carrier: "delhivery",
      carrier_name: "Delhivery",
      tracking_number: "1234567890124",
      tracking_url: "https://www.delhivery.com/track/package/1234567890124",
    });
    expect((await shopperShipment(b!.orderId, b!.user)).shipment).toMatchObject({
      carrier: "other",
      carrier_name: "Gati",
      tracking_number: "GATI12345678",
      tracking_url: null,
    });
    expect(await shopperShipment(bare!.orderId, bare!.user)).toMatchObject({ status: "shipped", shipment: null });

    // Ops see who set it, as for the single move; each order was invoiced once, like the single one.
    const opsOrder = (await (await api(`/api/admin/orders/${a!.orderId}`, { headers: ops.headers })).json()) as {
      shipment_trail: { tracking_number: string; actor: string }[];
    };
    expect(opsOrder.shipment_trail.map((t) => [t.tracking_number, t.actor])).toEqual([["1234567890124", `ops:${ops.id}`]]);
    expect((await written(a!.orderId)).invoices).toBe((await written(single!.orderId)).invoices);

    for (const o of [a!, single!, bare!]) await consumeEvents(o.orderId);
    const shippedMail = async (orderId: string) => (await sentEmails(orderId)).find((m) => m.kind === "order_shipped")?.body;
    expect(await shippedMail(a!.orderId)).toMatch(/is on its way with Delhivery \(AWB 1234567890124\), arriving by \w{3}, \d{1,2} \w{3}\./);
    expect((await shippedMail(single!.orderId))?.replace("1234567890123", "1234567890124").replace(single!.orderId, a!.orderId)).toBe(
      await shippedMail(a!.orderId),
    );
    expect(await shippedMail(bare!.orderId)).not.toContain("AWB");
  });

  it("refuses a malformed AWB in one entry with 400 naming shipments.<i>.tracking_number, and moves none of the orders", async () => {
    const ops = await createTestUser(["ops"]);
    const [a, b] = await packedOrders(ops, 2);
    const before = [await orderTrail(a!.orderId), await orderTrail(b!.orderId)];
    const res = await bulkMove(ops, {
      order_ids: [a!.orderId, b!.orderId],
      from: "packed",
      to: "shipped",
      shipments: [
        { order_id: a!.orderId, carrier: "delhivery", tracking_number: "1234567890123" },
        // Blue Dart's numbers are 11 digits.
        { order_id: b!.orderId, carrier: "bluedart", tracking_number: "1234567890" },
      ],
    });
    const problem = (await res.clone().json()) as { errors: { path: string; message: string }[] };
    expect(await namedFields(res)).toEqual(["shipments.1.tracking_number"]);
    expect(problem.errors[0]?.message).toBe("Blue Dart tracking numbers are 11 digits.");
    expect([await orderTrail(a!.orderId), await orderTrail(b!.orderId)]).toEqual(before);
    expect(await written(a!.orderId)).toEqual({ shipments: [], invoices: 0 });
  });

  it("refuses shipments with any move but shipping, and an entry for an order not named or named twice", async () => {
    const ops = await createTestUser(["ops"]);
    const [a, b] = await packedOrders(ops, 2);
    const before = [await orderTrail(a!.orderId), await orderTrail(b!.orderId)];
    const entry = (orderId: string) => ({ order_id: orderId, carrier: "bluedart", tracking_number: "12345678901" });

    expect(
      await namedFields(await bulkMove(ops, { order_ids: [a!.orderId], from: "confirmed", to: "packed", shipments: [entry(a!.orderId)] })),
    ).toEqual(["shipments"]);
    expect(
      await namedFields(
        await bulkMove(ops, { order_ids: [a!.orderId], from: "packed", to: "shipped", shipments: [entry(a!.orderId), entry(b!.orderId)] }),
      ),
    ).toEqual(["shipments.1.order_id"]);
    expect(
      await namedFields(
        await bulkMove(ops, {
          order_ids: [a!.orderId, b!.orderId],
          from: "packed",
          to: "shipped",
          shipments: [entry(a!.orderId), entry(a!.orderId)],
        }),
      ),
    ).toEqual(["shipments.1.order_id"]);
    expect([await orderTrail(a!.orderId), await orderTrail(b!.orderId)]).toEqual(before);
  });

  it("records a resent shipment for an order shipped already, as the single move's repeat does, and calls it `already`", async () => {
    const ops = await createTestUser(["ops"]);
    const [a] = await packedOrders(ops, 1);
    expect((await opsMove(a!.orderId, ops, { to: "shipped", from: "packed" })).status).toBe(200);
    const res = await bulkMove(ops, {
      order_ids: [a!.orderId],
      from: "packed",
      to: "shipped",
      shipments: [{ order_id: a!.orderId, carrier: "ekart", tracking_number: "fmpp0123456789" }],
    });
    expect(((await res.json()) as { results: unknown[] }).results).toEqual([{ id: a!.orderId, outcome: "already", status: "shipped" }]);
    expect((await shopperShipment(a!.orderId, a!.user)).shipment).toMatchObject({
      carrier_name: "Ekart",
      tracking_number: "FMPP0123456789",
    });
  });

  it("documents `shipments` in the OpenAPI document from the schema that checks it", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const body = doc.components.schemas.BulkTransitionRequest;
    expect(JSON.stringify(body?.properties?.shipments)).toContain("BulkShipmentInput");
    expect(Object.keys(doc.components.schemas.BulkShipmentInput?.properties ?? {}).sort()).toEqual([
      "carrier",
      "name",
      "order_id",
      "tracking_number",
    ]);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliveryDateLabel } from "../../workers/delivery/estimate";
import { CARRIERS, type CarrierId, trackingNumberProblem } from "../../workers/orders/carriers";
import { recordShipmentStatement, refusingTakenAwb } from "../../workers/orders/shipment";
import { AppError } from "../../workers/platform/errors";
import { newId } from "../../workers/platform/ids";
import { confirmedOrder } from "../checkout/support";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { consumeEvents, opsMove, orderTrail, sentEmails } from "./returns-seed";

/** An ops user and a confirmed order of a shopper's, packed and ready to ship. */
async function packedOrder() {
  const placed = await confirmedOrder();
  const ops = await createTestUser(["ops"]);
  expect((await opsMove(placed.orderId, ops, { to: "packed" })).status).toBe(200);
  return { ...placed, ops };
}

function ship(orderId: string, ops: TestUser, shipment?: unknown): Promise<Response> {
  return api(`/api/admin/orders/${orderId}/transitions`, { method: "POST", headers: ops.headers, body: { to: "shipped", shipment } });
}

function putShipment(orderId: string, headers: Record<string, string>, body: unknown): Promise<Response> {
  return api(`/api/admin/orders/${orderId}/shipment`, { method: "PUT", headers, body });
}

interface ShipmentJson {
  carrier: string;
  carrier_name: string;
  tracking_number: string;
  tracking_url: string | null;
}

async function shopperOrder(orderId: string, user: TestUser) {
  const res = await api(`/api/orders/${orderId}`, { headers: user.headers });
  expect(res.status).toBe(200);
  return {
    etag: res.headers.get("etag"),
    order: (await res.json()) as { status: string; shipment: ShipmentJson | null; delivery_by: string },
  };
}

async function orderPage(orderId: string, user: TestUser): Promise<string> {
  const res = await api(`/orders/${orderId}`, { headers: { cookie: `__Host-session=${user.token}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The order's shipment rows, oldest first, and the invoices shipping issued: what a refusal must not write. */
async function written(orderId: string) {
  const rows = await env.DB.prepare("SELECT carrier, carrier_name, tracking_number, actor FROM shipments WHERE order_id = ? ORDER BY id")
    .bind(orderId)
    .all<{ carrier: string; carrier_name: string | null; tracking_number: string; actor: string }>();
  const invoices = await env.DB.prepare("SELECT COUNT(*) AS n FROM invoices WHERE order_id = ?").bind(orderId).first<{ n: number }>();
  return { shipments: rows.results, invoices: invoices?.n ?? 0 };
}

/** A number of `n` random digits, an AWB no other test has used. */
function digits(n: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => String(b % 10)).join("");
}

/** The field paths a 400 problem names. */
async function namedFields(res: Response): Promise<string[]> {
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
}

describe("carriers' tracking number formats", () => {
  // A number of each carrier's published format is taken; each is a format check only.
  const GOOD: Record<CarrierId, string[]> = {
    delhivery: ["123456789012", "1234567890123", "12345678901234"],
    bluedart: ["12345678901"],
    ekart: ["FMPP0123456789"],
    xpressbees: ["141123456789012"],
    ecom_express: ["7110123456"],
    dtdc: ["D12345678", "Z1234567890"],
    india_post: ["EE123456789IN", "RM987654321IN"],
    shadowfax: ["SF123456789012", "SF1234567890FPL"],
    other: ["GATI12345678"],
  };
  it("takes a number of each carrier's format and says the format of one that is not", () => {
    for (const [carrier, numbers] of Object.entries(GOOD) as [CarrierId, string[]][]) {
      for (const n of numbers) expect(trackingNumberProblem(carrier, n), `${carrier} ${n}`).toBeNull();
    }
    expect(trackingNumberProblem("bluedart", "1234567890")).toBe("Blue Dart tracking numbers are 11 digits.");
    expect(trackingNumberProblem("india_post", "EE123456789US")).toBe("India Post tracking numbers are 13 characters, like EE123456789IN.");
    // A number of another carrier's format is not this one's.
    expect(trackingNumberProblem("delhivery", "EE123456789IN")).not.toBeNull();
    expect(Object.keys(CARRIERS)).toHaveLength(8);
  });
});

describe("shipping with a courier and tracking number", () => {
  it("shows the shipment on the shopper's order and page, and the Shipped message names it", async () => {
    const { orderId, user, ops } = await packedOrder();
    // Typed as a label prints it: the spaces go, the number is the carrier's.
    const res = await ship(orderId, ops, { carrier: "delhivery", tracking_number: "1234 5678 90123" });
    expect(res.status).toBe(200);

    const { order } = await shopperOrder(orderId, user);
    expect(order.status).toBe("shipped");
    expect(order.shipment).toMatchObject({
      carrier: "delhivery",
      carrier_name: "Delhivery",
      tracking_number: "1234567890123",
      tracking_url: "https://www.delhivery.com/track/package/1234567890123",
    });
    // Who set it is for ops' audit, not the shopper's eyes.
    expect(JSON.stringify(order)).not.toContain(ops.id);
    expect((await written(orderId)).shipments).toEqual([
      { carrier: "delhivery", carrier_name: null, tracking_number: "1234567890123", actor: `ops:${ops.id}` },
    ]);

    const html = await orderPage(orderId, user);
    expect(html).toMatch(/Shipped via <strong[^>]*>Delhivery<\/strong> · AWB <span[^>]*>1234567890123<\/span>/);
    expect(html).toContain(
      '<a href="https://www.delhivery.com/track/package/1234567890123" target="_blank" rel="noopener noreferrer" data-track-link="true">Track your package</a>',
    );

    await consumeEvents(orderId);
    const shipped = (await sentEmails(orderId)).find((m) => m.kind === "order_shipped");
    expect(shipped?.body).toContain(
      `is on its way with Delhivery (AWB 1234567890123), arriving by ${deliveryDateLabel(order.delivery_by)}. Follow it on your order page.`,
    );
  });

  it("refuses each carrier's malformed number with 400 naming shipment.tracking_number, and nothing moves", async () => {
    const { orderId, ops } = await packedOrder();
    const before = { trail: await orderTrail(orderId), written: await written(orderId) };
    const BAD: [string, string][] = [
      ["delhivery", "12345678901"],
      ["delhivery", "123456789012345"],
      ["bluedart", "1234567890"],
      ["bluedart", "1234567890A"],
      ["ekart", "FMP0123456789"],
      ["xpressbees", "12345678901"],
      ["ecom_express", "12345678"],
      ["dtdc", "1234567890"],
      ["india_post", "EE12345678IN"],
      ["india_post", "EE123456789US"],
      ["shadowfax", "SX123456789012"],
      ["other", "AB1"],
    ];
    for (const [carrier, number] of BAD) {
      const body = { carrier, tracking_number: number, ...(carrier === "other" ? { name: "Gati" } : {}) };
      expect(await namedFields(await ship(orderId, ops, body)), `${carrier} ${number}`).toEqual(["shipment.tracking_number"]);
    }
    // Another courier needs its name; a shipment belongs to shipping alone.
    expect(await namedFields(await ship(orderId, ops, { carrier: "other", tracking_number: "GATI12345678" }))).toEqual(["shipment.name"]);
    // A name of spaces is one mistake, said once, in the form's words.
    const blank = await ship(orderId, ops, { carrier: "other", name: "   ", tracking_number: "GATI12345678" });
    expect(((await blank.json()) as { errors: unknown[] }).errors).toEqual([{ path: "shipment.name", message: "Name the courier." }]);
    expect(await namedFields(await ship(orderId, ops, { carrier: "fedora", tracking_number: "12345678901" }))).toEqual([
      "shipment.carrier",
    ]);
    const delivered = await api(`/api/admin/orders/${orderId}/transitions`, {
      method: "POST",
      headers: ops.headers,
      body: { to: "cancelled", shipment: { carrier: "bluedart", tracking_number: "12345678901" } },
    });
    expect(await namedFields(delivered)).toEqual(["shipment"]);

    expect(await orderTrail(orderId)).toEqual(before.trail);
    expect(await written(orderId)).toEqual(before.written);
    expect(before.trail?.status).toBe("packed");
  });
});

describe("one parcel, one order", () => {
  it("refuses a courier's AWB that is another order's shipment, naming it, until that order's is corrected away", async () => {
    const first = await packedOrder();
    const second = await packedOrder();
    const awb = { carrier: "delhivery", tracking_number: "4455667788990" };
    expect((await ship(first.orderId, first.ops, awb)).status).toBe(200);
    const before = { trail: await orderTrail(second.orderId), written: await written(second.orderId) };

    const taken = await ship(second.orderId, second.ops, awb);
    expect(taken.status).toBe(409);
    const problem = (await taken.json()) as { detail: string; order_id: string };
    expect(problem.order_id).toBe(first.orderId);
    expect(problem.detail).toBe(
      `Delhivery AWB 4455667788990 is already the shipment of order ${first.orderId}: check the number on the label. Nothing changed.`,
    );
    expect(await orderTrail(second.orderId)).toEqual(before.trail);
    expect(await written(second.orderId)).toEqual(before.written);
    // Another courier's parcel may carry the same digits; the order shipped again with its own number is fine.
    expect((await ship(second.orderId, second.ops, { carrier: "xpressbees", tracking_number: "4455667788990" })).status).toBe(200);
    expect((await putShipment(second.orderId, second.ops.headers, awb)).status).toBe(409);

    // The first order's number was a typo: corrected away, it is free for the order whose label it is.
    expect((await putShipment(first.orderId, first.ops.headers, { carrier: "delhivery", tracking_number: "4455667788991" })).status).toBe(
      200,
    );
    expect((await putShipment(second.orderId, second.ops.headers, awb)).status).toBe(200);
  });

  it("is refused by the database too, for a write whose check ran before another order took the number", async () => {
    const [first, second] = await Promise.all([packedOrder(), packedOrder()]);
    const awb = { carrier: "delhivery" as const, tracking_number: digits(13) };
    expect((await ship(first.orderId, first.ops, awb)).status).toBe(200);
    expect((await ship(second.orderId, second.ops, { carrier: "bluedart", tracking_number: digits(11) })).status).toBe(200);
    const before = await written(second.orderId);

    // As a second ops request would write it, its own check having passed a moment earlier.
    const write = () => recordShipmentStatement(env.DB, second.orderId, awb, `ops:${second.ops.id}`, new Date().toISOString()).run();
    await expect(write()).rejects.toThrow(/awb_taken/);
    const refused = await refusingTakenAwb(env.DB, second.orderId, awb, write).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toBe(
      `Delhivery AWB ${awb.tracking_number} is already the shipment of order ${first.orderId}: check the number on the label. Nothing changed.`,
    );
    expect(await written(second.orderId)).toEqual(before);

    // Another courier named otherwise may use the same digits; the same courier named again may not.
    const other = { carrier: "other" as const, name: "Shree Maruti", tracking_number: "SM1234567" };
    expect((await putShipment(first.orderId, first.ops.headers, other)).status).toBe(200);
    const otherWrite = (name: string) =>
      recordShipmentStatement(env.DB, second.orderId, { ...other, name }, `ops:${second.ops.id}`, new Date().toISOString()).run();
    await expect(otherWrite("shree maruti")).rejects.toThrow(/awb_taken/);
    expect((await otherWrite("Professional Couriers")).meta.changes).toBe(1);
  });
});

describe("adding or correcting a shipment later (PUT /api/admin/orders/{id}/shipment)", () => {
  it("adds one to an order shipped without it, corrects it keeping the old in the trail, and a resend changes nothing", async () => {
    const { orderId, user, ops } = await packedOrder();
    expect((await ship(orderId, ops)).status).toBe(200);
    const before = await shopperOrder(orderId, user);
    expect(before.order.shipment).toBeNull();
    expect(await orderPage(orderId, user)).not.toContain("Shipped via");

    const added = await putShipment(orderId, ops.headers, { carrier: "bluedart", tracking_number: "12345678901" });
    expect(added.status).toBe(200);
    const after = await shopperOrder(orderId, user);
    // A poll with the old ETag sees the change rather than a 304.
    expect(after.etag).not.toBe(before.etag);
    expect(after.order.shipment).toMatchObject({ carrier_name: "Blue Dart", tracking_number: "12345678901" });
    expect(after.order.shipment?.tracking_url).toContain("trackNo=12345678901");
    expect(await orderPage(orderId, user)).toContain("Blue Dart");

    const corrected = await putShipment(orderId, ops.headers, { carrier: "other", name: "Gati", tracking_number: "gati-1234-5678" });
    expect(corrected.status).toBe(200);
    const ops2 = (await corrected.json()) as {
      shipment: ShipmentJson;
      shipment_trail: { carrier: string; carrier_name: string; tracking_number: string; actor: string; at: string }[];
    };
    expect(ops2.shipment).toMatchObject({ carrier: "other", carrier_name: "Gati", tracking_number: "GATI12345678", tracking_url: null });
    expect(ops2.shipment_trail.map((t) => [t.carrier_name, t.tracking_number, t.actor])).toEqual([
      ["Blue Dart", "12345678901", `ops:${ops.id}`],
      ["Gati", "GATI12345678", `ops:${ops.id}`],
    ]);
    expect(ops2.shipment_trail.every((t) => !Number.isNaN(Date.parse(t.at)))).toBe(true);
    // Without a carrier page, the number is still there to quote, and no link goes nowhere.
    const html = await orderPage(orderId, user);
    expect(html).toContain("Gati");
    expect(html).not.toContain("data-track-link");

    // The same shipment again is not a correction; a malformed one is refused and leaves it as it is.
    expect((await putShipment(orderId, ops.headers, { carrier: "other", name: "Gati", tracking_number: "GATI12345678" })).status).toBe(200);
    expect(await namedFields(await putShipment(orderId, ops.headers, { carrier: "india_post", tracking_number: "EE1234IN" }))).toEqual([
      "tracking_number",
    ]);
    expect((await written(orderId)).shipments).toHaveLength(2);
    expect((await orderTrail(orderId))?.status).toBe("shipped");
  });

  it("is 409 on an order that has not shipped, 404 on none, and writes nothing", async () => {
    const { orderId, ops } = await confirmedOrder().then(async (p) => ({ ...p, ops: await createTestUser(["ops"]) }));
    const res = await putShipment(orderId, ops.headers, { carrier: "dtdc", tracking_number: "D12345678" });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { current_status: string }).current_status).toBe("confirmed");
    expect((await written(orderId)).shipments).toEqual([]);

    const none = await putShipment(newId("ord"), ops.headers, { carrier: "dtdc", tracking_number: "D12345678" });
    expect(none.status).toBe(404);
  });

  it("is for ops alone: a shopper or a seller is 403 and a guest 401", async () => {
    const { orderId, user, ops } = await packedOrder();
    expect((await ship(orderId, ops)).status).toBe(200);
    const seller = await createTestUser(["seller"], { sellerId: newId("sel") });
    const body = { carrier: "bluedart", tracking_number: "12345678901" };
    expect((await putShipment(orderId, user.headers, body)).status).toBe(403);
    expect((await putShipment(orderId, seller.headers, body)).status).toBe(403);
    expect((await putShipment(orderId, {}, body)).status).toBe(401);
    // Nor can they ship with one.
    expect((await ship(orderId, user, body)).status).toBe(403);
    expect((await written(orderId)).shipments).toEqual([]);
  });
});

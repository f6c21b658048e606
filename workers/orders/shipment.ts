import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { type CarrierId, OTHER_CARRIER, carrierName, trackingUrl } from "./carriers";
import { asOrderStatus, type OrderStatus } from "./state-machine";

/** A shipment as ops give it (validated by `ShipmentInput`: the number has its carrier's format). */
export interface ShipmentRequest {
  carrier: CarrierId;
  tracking_number: string;
  /** The courier's name, for `other` only. */
  name?: string | undefined;
}

/** An order's shipment as its shopper and ops read it. */
export interface ShipmentView {
  carrier: string;
  carrier_name: string;
  tracking_number: string;
  /** The carrier's tracking page for this parcel; null for a courier not on the list. */
  tracking_url: string | null;
  /** When it was last set or corrected. */
  updated_at: string;
}

/** One setting of an order's shipment, as the audit trail keeps it. */
export interface ShipmentTrailEntry {
  carrier: string;
  carrier_name: string;
  tracking_number: string;
  actor: string;
  at: string;
}

/** A row of `shipments` as `SHIPMENT_ROWS` reads it. */
export interface ShipmentRow {
  carrier: string;
  carrier_name: string | null;
  tracking_number: string;
  actor: string;
  at: string;
}

/**
 * The statuses in which an order's shipment may be set or corrected: it has left, and the parcel is
 * still the one the shopper follows or was delivered by. After a refund or a cancellation the
 * outbound parcel is history, and a wrong number there is not worth rewriting.
 */
export const SHIPMENT_STATUSES: readonly OrderStatus[] = ["shipped", "delivered", "return_requested"];

/** An order's shipment rows, oldest first: the last is its shipment, all of them its trail. */
export const SHIPMENT_ROWS = "SELECT carrier, carrier_name, tracking_number, actor, at FROM shipments WHERE order_id = ? ORDER BY id";

/** The shipment the rows end with, as shown; null when none was ever set. */
export function shipmentOf(rows: readonly ShipmentRow[]): ShipmentView | null {
  const last = rows.at(-1);
  if (!last) return null;
  return {
    carrier: last.carrier,
    carrier_name: carrierName(last.carrier, last.carrier_name),
    tracking_number: last.tracking_number,
    tracking_url: trackingUrl(last.carrier, last.tracking_number),
    updated_at: last.at,
  };
}

/** Every setting of the shipment, oldest first, for ops' audit. */
export function shipmentTrail(rows: readonly ShipmentRow[]): ShipmentTrailEntry[] {
  return rows.map((r) => ({ ...r, carrier_name: carrierName(r.carrier, r.carrier_name) }));
}

/**
 * The statement recording `shipment` for the order as set by `actor` at `at`. It writes only while
 * the order is in one of `statuses` (written into the statement: they come from the closed list of
 * statuses, never from input), so in the batch that ships the order it records nothing when that
 * batch's move missed, and on its own it cannot land on an order that moved on meanwhile. A shipment
 * the same as the order's latest records nothing: a resent form is not a correction.
 */
export function recordShipmentStatement(
  db: D1Database,
  orderId: string,
  shipment: ShipmentRequest,
  actor: string,
  at: string,
  statuses: readonly OrderStatus[] = SHIPMENT_STATUSES,
): D1PreparedStatement {
  const allowed = statuses.map((s) => `'${s}'`).join(", ");
  return db
    .prepare(
      `INSERT INTO shipments (order_id, carrier, carrier_name, tracking_number, actor, at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6
       WHERE (SELECT status FROM orders WHERE id = ?1) IN (${allowed})
         AND NOT EXISTS (SELECT 1 FROM (SELECT carrier, carrier_name, tracking_number FROM shipments
             WHERE order_id = ?1 ORDER BY id DESC LIMIT 1) s
           WHERE s.carrier = ?2 AND s.carrier_name IS ?3 AND s.tracking_number = ?4)`,
    )
    .bind(
      orderId,
      shipment.carrier,
      shipment.carrier === OTHER_CARRIER ? (shipment.name ?? null) : null,
      shipment.tracking_number,
      actor,
      at,
    );
}

/**
 * Sets or corrects an order's shipment (ops), keeping the one it replaces in the trail. Refused with
 * 409 naming `current_status` unless the order has shipped and is not yet refunded or cancelled (see
 * `SHIPMENT_STATUSES`); a refusal writes nothing. Setting what is already set changes nothing.
 */
export async function setShipment(db: D1Database, orderId: string, shipment: ShipmentRequest, actor: string): Promise<void> {
  await refuseTakenAwb(db, orderId, shipment);
  const done = await refusingTakenAwb(db, orderId, shipment, () => recordShipmentStatement(db, orderId, shipment, actor, nowIso()).run());
  if (done.meta.changes === 1) return;
  const row = await db.prepare("SELECT status FROM orders WHERE id = ?").bind(orderId).first<{ status: string }>();
  if (!row) throw new AppError("not_found", "No such order.");
  const status = asOrderStatus(row.status);
  if (SHIPMENT_STATUSES.includes(status)) return;
  throw new AppError(
    "conflict",
    `An order that is ${status.replaceAll("_", " ")} has no shipment to set: only a shipped, delivered or return-requested order has. Nothing changed.`,
    { extensions: { current_status: status } },
  );
}

/**
 * Refuses a courier's AWB that is another order's shipment now: one parcel is one order, and a
 * number typed twice would send two shoppers to one parcel's tracking. A number an order's
 * shipment was corrected away from is free again.
 */
export async function refuseTakenAwb(db: D1Database, orderId: string, shipment: ShipmentRequest): Promise<void> {
  const name = shipment.carrier === OTHER_CARRIER ? (shipment.name ?? null) : null;
  const other = await db
    .prepare(
      `SELECT s.order_id FROM shipments s
       WHERE s.carrier = ?1 AND s.tracking_number = ?2 AND s.order_id != ?3
         AND (?4 IS NULL OR lower(s.carrier_name) = lower(?4))
         AND s.id = (SELECT MAX(id) FROM shipments WHERE order_id = s.order_id)
       LIMIT 1`,
    )
    .bind(shipment.carrier, shipment.tracking_number, orderId, name)
    .first<{ order_id: string }>();
  if (!other) return;
  throw new AppError(
    "conflict",
    `${carrierName(shipment.carrier, name)} AWB ${shipment.tracking_number} is already the shipment of order ${other.order_id}: check the number on the label. Nothing changed.`,
    { extensions: { order_id: other.order_id } },
  );
}

/**
 * Runs `write`, which records `shipment` for the order, and answers as `refuseTakenAwb` does when
 * the database refused it (the `shipments_awb_taken` trigger): another order was given the number
 * between that check and this write, and the write, with its whole batch, changed nothing.
 */
export async function refusingTakenAwb<T>(db: D1Database, orderId: string, shipment: ShipmentRequest, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!String(err).includes("awb_taken")) throw err;
    await refuseTakenAwb(db, orderId, shipment);
    // The other order's number was corrected away again meanwhile: still, this write did not land.
    throw new AppError("conflict", `AWB ${shipment.tracking_number} was being given to another order: try again. Nothing changed.`);
  }
}

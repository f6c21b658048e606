import { z } from "@hono/zod-openapi";
import type { CourierCalendar } from "../delivery/holidays";
import { ON_ITS_WAY, deliveryBy } from "./delivery-promise";

/** The warehouse an order line `i` is held in, as `w`: its deal's, else its stock hold's. */
export const LINE_WAREHOUSE = `LEFT JOIN warehouses w ON w.id = COALESCE((SELECT d.warehouse_id FROM deals d WHERE d.id = i.deal_id),
  (SELECT r.warehouse_id FROM inventory_reservations r WHERE r.ref = i.reservation_id))`;

const ON_ITS_WAY_SQL = [...ON_ITS_WAY].map((s) => `'${s}'`).join(", ");

/**
 * Columns of an order `o` from which the day it is due by is worked out (see `deliveryBy`): read
 * only for an order on its way, so delivered and cancelled orders, most of a long list, cost
 * nothing more. Where its lines leave from, and when it was ready to pack.
 */
export const DUE_INPUTS = `CASE WHEN o.status IN (${ON_ITS_WAY_SQL}) THEN
    (SELECT json_group_array(json_array(w.city, w.pincode)) FROM order_items i ${LINE_WAREHOUSE} WHERE i.order_id = o.id) END AS line_origins,
  CASE WHEN o.status IN (${ON_ITS_WAY_SQL}) THEN COALESCE(
    (SELECT MIN(t.at) FROM order_transitions t WHERE t.order_id = o.id AND t.to_status = 'confirmed'), o.created_at) END AS ready_at,
  json_extract(o.address, '$.pincode') AS to_pincode`;

/** A row's `DUE_INPUTS` columns. */
export interface DueInputs {
  line_origins: string | null;
  ready_at: string | null;
  to_pincode: string | null;
}

// Checked rather than cast, as the order list's pictures are.
const LineOrigins = z.array(z.tuple([z.string().nullable(), z.string().nullable()]));

/** The day an order is due by, from its status and `DUE_INPUTS` columns; null when it is not on its way. */
export function dueByOf(r: { status: string } & DueInputs, calendar: CourierCalendar): string | null {
  if (r.line_origins === null || r.ready_at === null) return null;
  const origins = LineOrigins.parse(JSON.parse(r.line_origins)).map(([city, pincode]) => (city === null ? null : { city, pincode }));
  return deliveryBy({ status: r.status, readyAt: new Date(r.ready_at), toPincode: r.to_pincode ?? undefined }, origins, calendar);
}

import type { OrderStatus } from "./state-machine";

/** The statuses in which an order has still to leave its sellers. */
export const TO_SHIP_STATUSES: readonly OrderStatus[] = ["confirmed", "packed"];

const TO_SHIP = TO_SHIP_STATUSES.map((s) => `'${s}'`).join(", ");

/**
 * Keeps the order's lines' `ready_to_ship_at` in step with its status, in the batch that moves it:
 * set (the later of the line's placing and `at`, kept once set) while the order is to leave its
 * sellers, cleared once it has shipped or ended. It reads the status the batch left, so it is right
 * whether or not the move before it applied, and it writes only lines whose state changes.
 */
export function readyToShipStatement(db: D1Database, orderId: string, at: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE order_items SET ready_to_ship_at =
         CASE WHEN (SELECT o.status FROM orders o WHERE o.id = ?1) IN (${TO_SHIP}) THEN MAX(created_at, ?2) END
       WHERE order_id = ?1
         AND ((SELECT o.status FROM orders o WHERE o.id = ?1) IN (${TO_SHIP})) = (ready_to_ship_at IS NULL)`,
    )
    .bind(orderId, at);
}

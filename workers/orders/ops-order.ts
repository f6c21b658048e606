import { type OpsMessage, orderMessages } from "../notifications/ops-messages";
import { type OrderView, readOrder } from "./queries";
import { type ShipmentTrailEntry, shipmentTrail } from "./shipment";

/**
 * An order as ops see it: every line, the address, the payment's state and the timeline, plus whose
 * order it is and who set its shipment when. The shopper's payment link is left out: ops look at a
 * payment, they never complete one.
 */
export interface OpsOrderView extends Omit<OrderView, "payment"> {
  user_id: string;
  payment: Omit<NonNullable<OrderView["payment"]>, "redirect_url"> | null;
  shipment_trail: ShipmentTrailEntry[];
  /** What the store told the shopper about the order, newest first, and whether each mail went out. */
  messages: OpsMessage[];
}

/** Any order by id for ops; null when there is none. */
export async function getOrderForOps(db: D1Database, orderId: string): Promise<OpsOrderView | null> {
  const [found, messages] = await Promise.all([readOrder(db, orderId), orderMessages(db, orderId)]);
  if (!found) return null;
  const { payment, ...order } = found.order;
  return {
    ...order,
    user_id: found.owner,
    payment: payment ? withoutLink(payment) : null,
    shipment_trail: shipmentTrail(found.shipments),
    messages,
  };
}

function withoutLink({ redirect_url: _link, ...payment }: NonNullable<OrderView["payment"]>): NonNullable<OpsOrderView["payment"]> {
  return payment;
}

import { type OpsMessage, orderMessages } from "../notifications/ops-messages";
import { actorNames } from "./actor-names";
import { type OrderView, readOrder, type TimelineEntry } from "./queries";
import { type ShipmentTrailEntry, shipmentTrail } from "./shipment";

/**
 * An order as ops see it: every line, the address, the payment's state and the timeline, plus whose
 * order it is and who set its shipment when. The shopper's payment link is left out: ops look at a
 * payment, they never complete one.
 */
export interface OpsOrderView extends Omit<OrderView, "payment" | "timeline"> {
  user_id: string;
  /** The timeline with the name of each step's account; null for the system's own steps. */
  timeline: Array<TimelineEntry & { actor_name: string | null }>;
  payment: Omit<NonNullable<OrderView["payment"]>, "redirect_url"> | null;
  /** Every setting of the shipment with the name of the account that made it. */
  shipment_trail: Array<ShipmentTrailEntry & { actor_name: string | null }>;
  /** What the store told the shopper about the order, newest first, and whether each mail went out. */
  messages: Array<OpsMessage & { resent_by_name: string | null }>;
}

/** Any order by id for ops; null when there is none. */
export async function getOrderForOps(db: D1Database, orderId: string): Promise<OpsOrderView | null> {
  const [found, messages, names] = await Promise.all([readOrder(db, orderId), orderMessages(db, orderId), actorNames(db, orderId)]);
  if (!found) return null;
  const { payment, ...order } = found.order;
  const nameOf = (actor: string | null) => (actor ? (names.get(actor) ?? null) : null);
  return {
    ...order,
    timeline: order.timeline.map((t) => ({ ...t, actor_name: nameOf(t.actor) })),
    user_id: found.owner,
    payment: payment ? withoutLink(payment) : null,
    shipment_trail: shipmentTrail(found.shipments).map((s) => ({ ...s, actor_name: nameOf(s.actor) })),
    messages: messages.map((m) => ({ ...m, resent_by_name: nameOf(m.resent_by) })),
  };
}

function withoutLink({ redirect_url: _link, ...payment }: NonNullable<OrderView["payment"]>): NonNullable<OpsOrderView["payment"]> {
  return payment;
}

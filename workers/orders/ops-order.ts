import { type OrderView, readOrder } from "./queries";

/**
 * An order as ops see it: every line, the address, the payment's state and the timeline, plus whose
 * order it is. The shopper's payment link is left out: ops look at a payment, they never complete one.
 */
export interface OpsOrderView extends Omit<OrderView, "payment"> {
  user_id: string;
  payment: Omit<NonNullable<OrderView["payment"]>, "redirect_url"> | null;
}

/** Any order by id for ops; null when there is none. */
export async function getOrderForOps(db: D1Database, orderId: string): Promise<OpsOrderView | null> {
  const found = await readOrder(db, orderId);
  if (!found) return null;
  const { payment, ...order } = found.order;
  return { ...order, user_id: found.owner, payment: payment ? withoutLink(payment) : null };
}

function withoutLink({ redirect_url: _link, ...payment }: NonNullable<OrderView["payment"]>): NonNullable<OpsOrderView["payment"]> {
  return payment;
}

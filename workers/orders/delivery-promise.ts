import { estimateDelivery } from "../delivery/estimate";
import type { CourierCalendar } from "../delivery/holidays";
import { pincodeProblem } from "../delivery/pincode";
import { warehousePincode } from "../delivery/warehouse-pincode";
import type { OrderStatus } from "./state-machine";

/** Statuses in which an order is on its way: paid for (or cash on delivery accepted), not yet delivered. */
export const ON_ITS_WAY: ReadonlySet<string> = new Set<OrderStatus>(["payment_authorized", "confirmed", "packed", "shipped"]);

/** Where one line leaves from: its warehouse, or null when its hold names none (an order written without checkout). */
export type LineOrigin = { city: string; pincode: string | null } | null;

/**
 * The day an order on its way is due by (YYYY-MM-DD, IST): the last day of the window its slowest
 * line was promised, counted as checkout counted it, from the warehouse the line is held in to the
 * delivery PIN code, from when the order was ready to pack (its confirmation, else its placing),
 * so it is the day the shopper was shown and the one its sellers pack by. A line whose warehouse is
 * not known counts as coming from anywhere in India. Null for an order not on its way (not paid,
 * delivered, cancelled, returned) or one whose PIN code we do not deliver to.
 */
export function deliveryBy(
  order: { status: string; readyAt: Date; toPincode: string | undefined },
  origins: readonly LineOrigin[],
  calendar: CourierCalendar,
): string | null {
  const to = order.toPincode ?? "";
  if (!ON_ITS_WAY.has(order.status) || pincodeProblem(to) || origins.length === 0) return null;
  const days = origins.map((from) => estimateDelivery(from ? warehousePincode(from) : null, to, order.readyAt, calendar).latest);
  return days.reduce((a, b) => (b > a ? b : a));
}

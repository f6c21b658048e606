import { z } from "zod";
import { RETURN_CONDITIONS } from "../../inventory/returns";
import { ORDER_STATUSES } from "../../orders/state-machine";
import { money } from "../format";
import { CsrfField } from "../layout";
import { CarrierFields, ShipmentFields, type ShipmentDraft } from "./shipment-form";

/** The next move ops can make from each status, with the button label. */
export const NEXT_MOVES: Record<string, [string, string][]> = {
  confirmed: [
    ["packed", "Mark packed"],
    ["cancelled", "Cancel and refund"],
  ],
  packed: [
    ["shipped", "Mark shipped"],
    ["cancelled", "Cancel and refund"],
  ],
  shipped: [["delivered", "Mark delivered"]],
  delivered: [["refunded", "Refund"]],
  // Declining posts the reason typed beside its button; the shopper is shown it.
  return_requested: [
    ["refunded", "Accept and refund"],
    ["delivered", "Decline"],
  ],
  cancelled: [["refunded", "Refund"]],
  // Only an accepted return has goods coming back (`return_awaited`); the condition is picked beside the button.
  refunded: [["return_received", "Record goods received"]],
};

/** How returned goods can arrive, in ops' words. */
const CONDITIONS = [
  ["sellable", "Sellable: back on sale"],
  ["damaged", "Damaged: keep off sale"],
] as const;

/** The move that declines a requested return, which needs a reason. */
export function isDecline(status: string, to: string): boolean {
  return status === "return_requested" && to === "delivered";
}

/** An order as the move forms need it: its status, the money left to refund, and whether goods are coming back. */
export interface MovableOrder {
  id: string;
  status: string;
  refundable?: number | undefined;
  return_awaited?: boolean | undefined;
}

/** The moves offered for one order: Refund only while captured money is left, goods received only while a return's goods are awaited. */
export function movesFor(order: Omit<MovableOrder, "id">): [string, string][] {
  return (NEXT_MOVES[order.status] ?? []).filter(
    ([to]) => (to !== "refunded" || (order.refundable ?? 0) > 0) && (to !== "return_received" || order.return_awaited === true),
  );
}

/**
 * One transition asked for by an ops form. `status` is the status the order was shown in (the list's,
 * or the order's own on its page); `back` says the form was on the order's page, which it returns to.
 * `from` is the status the form was drawn for: the move is refused if the order has moved on since.
 */
/** What a refused move form says: the field typed wrong, in words; anything else is a form drawn for another status. */
export function transitionFormProblem(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const typed = issues.find((i) => ["reason", "carrier_name", "tracking_number"].includes(String(i.path[0])));
  return typed?.message ?? "Choose a valid next status.";
}

export const TransitionForm = z.object({
  to: z.enum(["packed", "shipped", "delivered", "cancelled", "refunded", "return_received"]),
  from: z.enum(ORDER_STATUSES).optional(),
  // The placeholder's empty value is no condition: the API then says the goods' condition is needed.
  condition: z.preprocess((v) => (v === "" ? undefined : v), z.enum(RETURN_CONDITIONS).optional()),
  reason: z.string().trim().max(200, "Keep the reason to 200 characters.").optional(),
  status: z.string().max(40).optional(),
  sort: z.string().max(10).optional(),
  cursor: z.string().max(300).optional(),
  /** Set when the order was shown among a lookup's results, which the move returns to. */
  q: z.string().max(254).optional(),
  /** "late" when the order was shown in the list of late orders, which the move returns to. */
  due: z.string().max(10).optional(),
  back: z.literal("order").optional(),
  ...ShipmentFields.shape,
});

/**
 * What a move did, for the page it returns to: a return accepted or declined reads as such, not as
 * its status, and goods received say in which condition they were booked.
 */
export function moveDone(from: string | undefined, to: string, condition?: string): string {
  if (from === "return_requested") return to === "refunded" ? "accepted" : "declined";
  if (to === "return_received" && condition) return `received_${condition}`;
  return to;
}

/**
 * What ops are asked before a move that gives money back with no goods coming back: refunding a
 * delivered order (every seller's invoice is credited in full) or cancelling a paid one. A click
 * meant for the row below should not refund an order whole.
 */
export function moveConfirmation(order: MovableOrder, to: string): string | undefined {
  const amount = order.refundable ? `${money(order.refundable)} ` : "";
  if (order.status === "delivered" && to === "refunded")
    return `Refund ${amount}to the shopper for this delivered order? No goods are asked back, and each seller's invoice is credited in full.`;
  if (to === "cancelled") return `Cancel this order${amount ? ` and refund ${amount.trim()}` : ""}? It will not ship.`;
  return undefined;
}

/**
 * The forms moving one order along: a button per legal next move, posting to the console's transitions
 * route with `fields` (where to come back to) alongside. Used by the ops lists and the order page alike.
 */
export function OrderMoves(props: {
  order: MovableOrder;
  csrf: string | null;
  fields: Record<string, string | undefined>;
  /** A refused shipping of this order, as typed: drawn in its courier fields again. */
  shipDraft?: ShipmentDraft | undefined;
}) {
  const o = props.order;
  return (
    <>
      {movesFor(o).map(([to, label]) => (
        <form method="post" action={`/ops/orders/${encodeURIComponent(o.id)}/transitions`} data-confirm={moveConfirmation(o, to)}>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="to" value={to} />
          {/* Another operator may move the order before this one is pressed: the move holds only from here. */}
          <input type="hidden" name="from" value={o.status} />
          {Object.entries(props.fields).map(([name, value]) => value !== undefined && <input type="hidden" name={name} value={value} />)}
          {isDecline(o.status, to) && (
            <label>
              Reason <input name="reason" maxlength={200} required placeholder="shown to the shopper" />
            </label>
          )}
          {/* Known as the parcel leaves, or added on the order's page later: shipping never waits for it. */}
          {to === "shipped" && (
            <CarrierFields required={false} current={props.shipDraft?.orderId === o.id ? props.shipDraft.shipment : undefined} />
          )}
          {to === "return_received" && (
            <label>
              Goods arrived {/* No condition is picked for ops: a click that skipped the choice would put damaged goods on sale. */}
              <select name="condition" required>
                <option value="">Choose…</option>
                {CONDITIONS.map(([value, words]) => (
                  <option value={value}>{words}</option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" class={to === "cancelled" || isDecline(o.status, to) ? "danger" : ""}>
            {label}
          </button>
        </form>
      ))}
    </>
  );
}

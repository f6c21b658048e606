import { ColumnHeads, TableScroll } from "../components";
import type { ShipmentDraft } from "./shipment-form";
import { countWords, money, paymentMethodLabel, statusLabel, whenIst } from "../format";
import type { Order } from "../types";
import { DueDay } from "./due-day";
import { BulkPick } from "./ops-bulk-moves";
import { OrderMoves } from "./order-moves";

/**
 * The rows of an ops order list: each order linked to its page with the line it leads with, its
 * total and how it is paid (a cash-on-delivery parcel is one the courier collects money for), when
 * it was placed, the day it is due by while it is on its way (marked late once that day is past, so a
 * late parcel stands out) and the moves it can make. A list of one status leaves the status out; a lookup's list, which
 * spans every status, shows it. `fields` say where a move returns to; `label` names the table's
 * scrolling region. A queue moved in bulk (`bulk`) has a checkbox per row for the bulk form above it,
 * all ticked when ops asked to select the whole page, and those `picked` ticked again when a refused
 * bulk form is drawn back.
 */
export function OpsOrderTable(props: {
  orders: Order[];
  label: string;
  csrf: string | null;
  fields: Record<string, string | undefined>;
  showStatus?: boolean;
  bulk?: { selectAll: boolean; picked?: readonly string[] | undefined } | undefined;
  /** A refused shipping of one of the orders, as typed. */
  shipDraft?: ShipmentDraft | undefined;
}) {
  // Orders on their way carry the day the shopper was promised; a list of finished ones has none to show.
  const due = props.orders.some((o) => o.delivery_by);
  const columns = [
    ...(props.bulk ? ["Select"] : []),
    "Order",
    ...(props.showStatus ? ["Status"] : []),
    "Total",
    "Payment",
    "Placed",
    ...(due ? ["Due by"] : []),
    "Move it along",
  ];
  return (
    <TableScroll label={props.label}>
      <table class="data">
        <ColumnHeads columns={columns} />
        <tbody>
          {props.orders.map((o) => (
            <tr data-order-id={o.id}>
              {props.bulk && (
                <td class="pick">
                  <BulkPick orderId={o.id} checked={props.bulk.selectAll || (props.bulk.picked?.includes(o.id) ?? false)} />
                </td>
              )}
              <td class="ref">
                <a href={`/ops/orders/${encodeURIComponent(o.id)}`}>{o.id}</a>
                {o.lead_title && (
                  <span class="muted" data-lead>
                    {o.lead_title}
                    {(o.lines ?? 1) > 1 && ` and ${countWords((o.lines ?? 1) - 1, "more line", "more lines")}`}
                  </span>
                )}
              </td>
              {props.showStatus && (
                <td class="words" data-status={o.status}>
                  {statusLabel(o.status)}
                </td>
              )}
              <td class="amount">{money(o.total)}</td>
              <td class="words" data-payment={o.payment_method}>
                {o.payment_method ? paymentMethodLabel(o.payment_method) : ""}
              </td>
              <td class="words">{whenIst(o.created_at)}</td>
              {due && (
                <td class="words" data-due-by={o.delivery_by ?? undefined}>
                  <DueDay date={o.delivery_by ?? null} />
                </td>
              )}
              <td class="row">
                <OrderMoves order={o} csrf={props.csrf} fields={props.fields} shipDraft={props.shipDraft} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

import type { Context, Hono } from "hono";
import { ColumnHeads, TableScroll } from "../components";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, callApi } from "../api";
import { money, paymentMethodLabel, statusLabel, whenIst } from "../format";
import { Layout } from "../layout";
import { timelineOf } from "../order-timeline";
import type { Order, Transition } from "../types";
import { actorWords } from "./actor-words";
import { consoleGuard, Flash } from "./guard";
import { OrderMoves, movesFor } from "./order-moves";
import { OrderAddress } from "../order-address";
import { refusedPage } from "../refused-page";
import { InvoiceLinks, orderInvoices } from "../invoice";
import type { OrderDocuments } from "../tax-document";
import { RETURN_REASON_WORDS, type ReturnReason } from "../../orders/return-reasons";
import { returnScopeWords } from "../../orders/return-lines";
import { receiptConditionOf } from "../../orders/return-receipt";
import { type ShipmentDraft, ShipmentPanel, registerShipmentForm } from "./shipment-form";
import type { OpsMessage } from "../../notifications/ops-messages";
import { DueDay } from "./due-day";
import { OrderMessages, registerResendForm, resentWords } from "./message-delivery";
import { renderGivenUpEmails } from "./ops-emails";
import type { OpsHelpRequestView } from "../../help/schemas";
import { helpTopicWords } from "../../help/topics";
import { type AnswerDraft, HelpThread } from "./help-answer";

/** An order as GET /api/admin/orders/{id} answers it. */
interface OpsOrder extends Order {
  user_id: string;
  timeline?: Array<Transition & { actor_name?: string | null }>;
  shipment_trail?: { carrier_name: string; tracking_number: string; actor: string; actor_name?: string | null; at: string }[];
  items: { listing_id: string; title?: string; qty: number; unit_price: number; mrp?: number; return_qty?: number | null }[];
  payment: { status?: string; method?: string; amount?: number; captured?: number; refunded?: number } | null;
  messages?: Array<OpsMessage & { resent_by_name?: string | null }>;
}

/**
 * How an accepted return's goods came back, once ops booked them: so the order's page says whether
 * they went back on sale without reading down to the timeline.
 */
function receivedWords(order: OpsOrder): string {
  const receipt = timelineOf(order).find((step) => step.to === "return_received");
  if (!receipt) return "";
  const condition = receiptConditionOf(receipt.reason ?? "");
  const how = condition === "sellable" ? "sellable, back on sale" : condition === "damaged" ? "damaged, kept off sale" : "";
  return `; goods received${how ? ` ${how}` : ""} ${whenIst(receipt.at)}`;
}

/** The shopper's latest return request: what they said, and what became of it. */
function ReturnAsked(props: { order: OpsOrder }) {
  const r = props.order.return_request;
  if (!r) return null;
  return (
    <section class="panel" aria-labelledby="return-h" data-return-request>
      <h2 id="return-h">Return requested {whenIst(r.requested_at)}</h2>
      {/* Sentences, not figures to watch: in the terms' reading size. */}
      <dl class="figures terms">
        <div>
          <dt>Reason</dt>
          <dd>{RETURN_REASON_WORDS[r.reason as ReturnReason] ?? r.reason}</dd>
        </div>
        <div>
          <dt>Shopper's note</dt>
          <dd data-return-note>{r.note ?? "none"}</dd>
        </div>
        {typeof r.units === "number" && r.of_units ? (
          <div>
            <dt>Going back</dt>
            <dd data-return-scope>
              {returnScopeWords(r.units, r.of_units)} ({money(r.refund_amount ?? 0)} to refund; the lines are marked below)
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Outcome</dt>
          <dd data-return-outcome>
            {r.outcome === "pending" ? "waiting for ops" : r.outcome}
            {r.decline_reason && ` — ${r.decline_reason}`}
            {receivedWords(props.order)}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** What the order page (and a list, naming the order) says after a move, by `moveDone`'s name for the move. */
export const DONE: Record<string, string> = {
  packed: "Marked packed.",
  shipped: "Marked shipped. Its tax invoices are issued.",
  delivered: "Marked delivered.",
  cancelled: "Cancelled. Its stock goes back, and any money taken goes back to the shopper.",
  refunded: "Refunded. The money taken goes back to the shopper.",
  accepted: "Return accepted. The order is refunded and the money goes back to the shopper.",
  declined: "Return declined. The shopper is shown your reason.",
  return_received: "Return received. Sellable goods are back on sale; damaged ones are recorded.",
  received_sellable: "Return received in sellable condition. Its units are back on sale at the warehouse they shipped from.",
  received_damaged: "Return received damaged. Its units are recorded and kept off sale.",
  shipment: "Shipment saved. The shopper's order page shows it.",
  help_answered: "Answer sent. The shopper reads it on their order's page and is told by email and SMS.",
  help_taken: "You took the shopper's question: colleagues see it is yours.",
  help_given_back: "The shopper's question is given back for anyone to take.",
};

/** What the moves panel is headed with, where "Move it along" would not say what is being decided. */
const HEADINGS: Record<string, string> = {
  return_requested: "Accept or decline the return",
  refunded: "Receive the returned goods",
};

/** The legal next moves from where the order stands, the same forms the ops lists give each row. */
function NextMoves(props: { order: OpsOrder; csrf: string | null; shipDraft?: ShipmentDraft | undefined }) {
  const o = props.order;
  const p = o.payment;
  // Only money captured and not yet given back can be refunded, as the lists reckon it.
  const refundable = Math.max((p?.captured ?? 0) - (p?.refunded ?? 0), 0);
  // Goods come back only from a return ops accepted, which refunded the order.
  const return_awaited = o.status === "refunded" && o.return_request?.outcome === "accepted";
  if (movesFor({ status: o.status, refundable, return_awaited }).length === 0) return null;
  return (
    <section class="panel" aria-labelledby="moves-h" data-order-moves>
      <h2 id="moves-h">{HEADINGS[o.status] ?? "Move it along"}</h2>
      <div class="row">
        <OrderMoves
          order={{ id: o.id, status: o.status, refundable, return_awaited }}
          csrf={props.csrf}
          fields={{ status: o.status, back: "order" }}
          shipDraft={props.shipDraft}
        />
      </div>
    </section>
  );
}

/**
 * The shopper's requests for help with the order, newest first, each with the answer or a form to
 * give it: ops looking into an order see what its shopper asked without going to the queue.
 * Nothing is drawn for an order no one asked about.
 */
function HelpAsked(props: {
  orderId: string;
  requests: OpsHelpRequestView[] | null;
  viewerId: string | null;
  csrf: string | null;
  draft?: AnswerDraft | undefined;
}) {
  const { requests } = props;
  if (requests !== null && requests.length === 0) return null;
  return (
    <section class="panel" id="help" aria-labelledby="help-h" data-order-help>
      <h2 id="help-h">Shopper's questions</h2>
      {requests === null && <p class="muted">The shopper's questions about this order could not be read just now.</p>}
      {requests?.map((r) => (
        <div class="help-request" data-help-request={r.id} data-help-status={r.status}>
          <p>
            <strong>{helpTopicWords(r.topic)}</strong> <span class="muted">asked {whenIst(r.asked_at)}</span>
          </p>
          <HelpThread
            r={r}
            viewerId={props.viewerId}
            csrf={props.csrf}
            label={`Send answer about ${props.orderId}`}
            fields={{ order: props.orderId }}
            draft={props.draft}
          />
        </div>
      ))}
    </section>
  );
}

function OrderDetail(props: {
  order: OpsOrder;
  documents: OrderDocuments;
  csrf: string | null;
  flash: { ok?: string; error?: string };
  /** A refused shipping or shipment correction of the order, as typed. */
  shipDraft?: ShipmentDraft | undefined;
  help: OpsHelpRequestView[] | null;
  helpDraft?: AnswerDraft | undefined;
  viewerId: string | null;
}) {
  const o = props.order;
  return (
    <section class="order" data-ops-order={o.id}>
      <h1>Order {o.id}</h1>
      <Flash {...props.flash} />
      <p>
        <strong class={`status s-${o.status}`}>{statusLabel(o.status)}</strong> · placed {whenIst(o.created_at)}
        {o.delivery_by && (
          <>
            {" "}
            · due by{" "}
            <span data-due-by={o.delivery_by}>
              <DueDay date={o.delivery_by} />
            </span>
          </>
        )}{" "}
        · shopper <code>{o.user_id}</code>
      </p>
      <ReturnAsked order={o} />
      <HelpAsked orderId={o.id} requests={props.help} viewerId={props.viewerId} csrf={props.csrf} draft={props.helpDraft} />
      <NextMoves order={o} csrf={props.csrf} shipDraft={props.shipDraft} />
      <ShipmentPanel order={o} csrf={props.csrf} draft={props.shipDraft?.shipment} />
      <h2>Items</h2>
      <TableScroll label="Items">
        <table class="data" data-order-items>
          <ColumnHeads columns={["Item", "Listing", "Qty", "Asked back", "Price", "Line total"]} />
          <tbody>
            {o.items.map((i) => (
              <tr data-listing-id={i.listing_id}>
                <td class="words">{i.title ?? i.listing_id}</td>
                <td>{i.listing_id}</td>
                <td>{i.qty}</td>
                <td data-return-qty>
                  {i.return_qty ? `${i.return_qty} of ${i.qty}${o.return_request?.outcome === "declined" ? " (declined)" : ""}` : "—"}
                </td>
                <td class="words">
                  {money(i.unit_price)}
                  {typeof i.mrp === "number" && i.mrp > i.unit_price && <span class="muted"> (MRP {money(i.mrp)})</span>}
                </td>
                <td class="amount">{money(i.unit_price * i.qty)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        Total <strong>{money(o.total)}</strong>
      </p>
      <h2>Deliver to</h2>
      <OrderAddress address={o.address} />
      <h2>Payment</h2>
      {o.payment ? (
        <dl class="figures" data-order-payment>
          <div>
            <dt>Method</dt>
            <dd>{paymentMethodLabel(o.payment.method)}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{statusLabel(o.payment.status)}</dd>
          </div>
          <div>
            <dt>Amount</dt>
            <dd>{money(o.payment.amount)}</dd>
          </div>
          <div>
            <dt>Captured</dt>
            <dd>{money(o.payment.captured)}</dd>
          </div>
          <div>
            <dt>Refunded</dt>
            <dd>{money(o.payment.refunded)}</dd>
          </div>
        </dl>
      ) : (
        <p class="muted">No payment was opened for this order.</p>
      )}
      <InvoiceLinks orderId={o.id} documents={props.documents} />
      <OrderMessages orderId={o.id} messages={o.messages ?? []} csrf={props.csrf} />
      <h2>Timeline</h2>
      <ol class="timeline" aria-label="Order timeline">
        {timelineOf(o).map((t) => (
          <li data-status={t.to}>
            <strong>{statusLabel(t.to)}</strong> <time datetime={t.at}>{whenIst(t.at)}</time>
            <span class="muted">
              {" "}
              by {actorWords(t.actor, t.actor_name)}
              {t.reason ? ` — ${t.reason}` : ""}
            </span>
          </li>
        ))}
      </ol>
      <p>
        <a href={`/ops?status=${encodeURIComponent(o.status)}`}>Back to {statusLabel(o.status).toLowerCase()} orders</a>
      </p>
    </section>
  );
}

/**
 * The ops view of one order; `flash.error` says why a move asked for on it was refused, else the
 * `done` query says what the last one did.
 */
export async function renderOpsOrder(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  id: string,
  flash: { error?: string; shipDraft?: ShipmentDraft | undefined; helpDraft?: AnswerDraft | undefined } = {},
) {
  const res = await callApi<OpsOrder>(c, fetchApi, `/api/admin/orders/${encodeURIComponent(id)}`);
  if (!res.ok) {
    return refusedPage(c, res.problem, { title: "Order", personal: true });
  }
  const [documents, help] = await Promise.all([
    orderInvoices(c, fetchApi, res.data.id),
    callApi<{ items: OpsHelpRequestView[] }>(c, fetchApi, `/api/admin/orders/${encodeURIComponent(res.data.id)}/help`),
  ]);
  const done = c.req.query("done");
  const ok = flash.error || !done ? undefined : Object.hasOwn(DONE, done) ? DONE[done] : resentWords(done);
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={`Order ${res.data.id}`}>
      <OrderDetail
        order={res.data}
        documents={documents}
        csrf={c.var.csrfToken}
        flash={{ ...(flash.error ? { error: flash.error } : {}), ...(ok ? { ok } : {}) }}
        shipDraft={flash.shipDraft}
        help={help.ok ? help.data.items : null}
        helpDraft={flash.helpDraft}
        viewerId={c.var.user?.id ?? null}
      />
    </Layout>,
  );
}

/**
 * Registers the ops view of one order: its lines, address, payment, timeline, shipment and next moves,
 * linked from the ops lists, and the posts of its shipment form and of its given-up mails' Send again.
 */
export function registerOpsOrderPage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/ops/orders/:id", (c) => consoleGuard(c, "ops") ?? renderOpsOrder(c, fetchApi, c.req.param("id")));
  registerShipmentForm(app, fetchApi, (c, id, error, shipDraft) => renderOpsOrder(c, fetchApi, id, { error, shipDraft }));
  registerResendForm(app, fetchApi, {
    order: (c, id, error) => renderOpsOrder(c, fetchApi, id, { error }),
    emails: (c, error) => renderGivenUpEmails(c, fetchApi, { error }),
  });
}

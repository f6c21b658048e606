import { paymentDeadline, paymentWindowOver } from "../checkout/payment-window";
import { clockTime, whenIst } from "./format";

/**
 * Until when an order placed at `createdAt` can be paid for, as a time of day in IST: checkout's
 * payment window. Shown beside "Complete payment", since once it passes the order is not placed
 * and a shopper who thought they could pay later finds it gone.
 */
export function payBy(createdAt: string): string {
  return `${clockTime(payDeadline(createdAt))} IST`;
}

/**
 * The same instant as an RFC 3339 time, for pay-deadline.js to act on by the server's clock (the
 * page's Server-Timing stamp), since a shopper's can be minutes off and would swap early or late.
 */
function payDeadline(createdAt: string): string {
  return new Date(paymentDeadline(Date.parse(createdAt))).toISOString();
}

/**
 * Whether an order placed at `createdAt` that still shows a payment link is past its window. The
 * order stays "placed" until its saga notices, but a payment made now would be voided after the
 * shopper saw it succeed, so the pages stop offering it at the time they promised.
 */
export function payTimeUp(createdAt: string | undefined, now = Date.now()): boolean {
  return createdAt !== undefined && paymentWindowOver(Date.parse(createdAt), now);
}

/** The order's status where it would say "Awaiting payment", once the time to pay has run out. */
export const PAY_TIME_UP_LABEL = "Time to pay ran out";

/**
 * The order page's payment panel: "Complete payment" and until when, or, once that time has passed,
 * that it ran out, in the words of a payment that did not go through, and no link to pay. A page
 * left open past the time has those words ready in a template, for pay-deadline.js to swap in then.
 */
export function PaymentDue(props: { link: string; createdAt: string | undefined; stage: Record<string, unknown> }) {
  const { createdAt } = props;
  if (!createdAt) return <PayNow link={props.link} stage={props.stage} />;
  const timeUp = (
    <p class="panel error" role="status" data-pay-time-up {...props.stage}>
      The time to pay ran out at {payBy(createdAt)}, so this order was not placed. Nothing was charged, and its items went back on sale.
    </p>
  );
  if (payTimeUp(createdAt)) return timeUp;
  return (
    <>
      <PayNow link={props.link} stage={props.stage} createdAt={createdAt} />
      <template data-status={PAY_TIME_UP_LABEL}>{timeUp}</template>
    </>
  );
}

/** "Complete payment", and until when where the order's checkout time is known. */
function PayNow(props: { link: string; stage: Record<string, unknown>; createdAt?: string }) {
  const { createdAt } = props;
  return (
    <p class="panel" role="status" {...props.stage} data-pay-deadline={createdAt && payDeadline(createdAt)}>
      Payment is not complete yet.{" "}
      {createdAt && <span data-pay-by>Pay by {payBy(createdAt)}: after that the order is not placed, and nothing is charged. </span>}
      <a class="button primary" href={props.link}>
        Complete payment
      </a>
    </p>
  );
}

/**
 * An unpaid order's cells in the shopper's order list: until when it can be paid and "Complete
 * payment", or that the time ran out. A list left open past the time has those words ready in a
 * template, for pay-deadline.js to swap in then, and the row's status with them. The wrapper is
 * `display: contents`, so its two cells stay cells of the row's grid.
 */
export function PayInList(props: { link: string; createdAt: string | undefined }) {
  const { createdAt } = props;
  const payNow = (
    <a class="button primary" href={props.link} data-complete-payment="true">
      Complete payment
    </a>
  );
  if (!createdAt) return payNow;
  const timeUp = (
    <span data-pay-time-up>The time to pay ran out at {payBy(createdAt)}: nothing was charged, and its items went back on sale.</span>
  );
  if (payTimeUp(createdAt)) return timeUp;
  return (
    <>
      <span class="cells" data-pay-deadline={payDeadline(createdAt)}>
        <span data-pay-by>Pay by {payBy(createdAt)}</span>
        {payNow}
      </span>
      <template data-status={PAY_TIME_UP_LABEL}>{timeUp}</template>
    </>
  );
}

/**
 * Where checkout's cart was emptied by an order placed moments ago and not paid for: the order, and
 * "Complete payment" while its time lasts, or that it ran out and the items are on sale again (kept
 * in a template while it lasts, for pay-deadline.js to swap in once it has run out).
 */
export function UnpaidOrder(props: { order: { id: string; created_at: string; payment_url: string } }) {
  const o = props.order;
  const link = <a href={`/orders/${encodeURIComponent(o.id)}`}>{o.id}</a>;
  const timeUp = (
    <div class="panel" role="status" data-unpaid-order={o.id} data-pay-time-up>
      <p>
        Your cart is empty: its items were in order {link}, placed {whenIst(o.created_at)}, whose time to pay ran out at{" "}
        {payBy(o.created_at)}. Nothing was charged, and its items went back on sale.
      </p>
      <p>
        <a href="/">Keep shopping</a>
      </p>
    </div>
  );
  if (payTimeUp(o.created_at)) return timeUp;
  return (
    <>
      <div class="panel" role="status" data-unpaid-order={o.id} data-pay-deadline={payDeadline(o.created_at)}>
        <p>
          Your cart is empty: its items are in order {link}, placed {whenIst(o.created_at)}, whose payment is not complete yet.
        </p>
        <p>
          <a class="button primary" href={o.payment_url}>
            Complete payment
          </a>
        </p>
      </div>
      <template>{timeUp}</template>
    </>
  );
}

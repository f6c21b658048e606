import {
  type PaymentRecord,
  capturePayment,
  paymentForOrder,
  paymentProvider,
  refundRemainder,
  refundUpTo,
  retryableKey,
} from "../payments/payment-actions";
import type { OperationResult } from "../payments/provider";
import { releaseRefundLease, takeRefundLease } from "../payments/refund-lease";
import { creditNoteStatements, creditNotesOwedStatement, invoicesToCredit } from "../invoices/issue-credit-notes";
import { exhaustedSeries, refuseExhaustedSeries } from "../invoices/series";
import { nowIso } from "../platform/time";
import { AppError } from "../platform/errors";
import { markSettled } from "./cancellation";
import type { Mover } from "./lifecycle";
import { opsMoveWords } from "./ops-move-words";
import { readReturnedLines, returnRefund, returnRefundWords, returnsWholeOrder, unitsAskedBack } from "./return-lines";
import type { OrderStatus } from "./state-machine";
import { checkTransition, transitionOrder } from "./transitions";

/** What a money move is called in a problem's detail, and what asking again finds when it went through. */
const MOVES = {
  refund: { name: "refund", done: "refunded" },
  capture: { name: "cash-on-delivery capture", done: "captured" },
} as const;

/**
 * Asks the provider to move money for an order that is still `from`, and turns anything but a yes
 * into a problem that leaves the order where it was: 409 when the provider refused, 503 when it
 * could not be asked or did not answer.
 */
async function moveMoney(
  kind: keyof typeof MOVES,
  order: { id: string; from: OrderStatus },
  call: () => Promise<OperationResult>,
): Promise<void> {
  const move = MOVES[kind];
  let res: OperationResult;
  try {
    res = await call();
  } catch (err) {
    console.error(JSON.stringify({ level: "error", message: `${move.name} failed`, orderId: order.id, error: String(err) }));
    throw new AppError(
      "payment_provider_failed",
      `The payment provider did not answer the ${move.name}, so the order is still ${order.from}. Asking again is safe: ` +
        `if the money was ${move.done} meanwhile, that is found and the order moves on; it is never ${move.done} twice.`,
    );
  }
  if (res.ok) return;
  throw new AppError(
    "payment_refused",
    `The payment provider refused the ${move.name}: ${res.reason}. Nothing changed: the order is still ${order.from}. ` +
      "The provider gives the same answer to this request for up to a minute; asking again after that asks it afresh.",
    { extensions: { reason: res.reason } },
  );
}

/** A refund refused because another of the same payment is with the provider right now. */
function refundUnderWay(from: OrderStatus, heldUntil: string): AppError {
  const seconds = Math.max(1, Math.ceil((Date.parse(heldUntil) - Date.now()) / 1000));
  return new AppError(
    "conflict",
    `Another refund of this order is with the payment provider right now, so nothing changed: the order is still ${from}. ` +
      "Ask again once it has finished: if it gave the money back, the order is refunded by then; it is never refunded twice.",
    { headers: { "retry-after": String(Math.min(seconds, 10)) }, extensions: { refund_under_way_until: heldUntil } },
  );
}

/** Captured money not yet given back, as our payment row has it. */
function refundable(payment: PaymentRecord | null): number {
  return payment ? Math.max(0, payment.capturedAmount - payment.refundedAmount) : 0;
}

/**
 * Refunds a delivered, return-requested or cancelled order (ops). Accepting a return gives back the
 * asked-back units' price paid (see `returnRefund`) and credits only those units; a return of the
 * whole order, a delivered order ops refund on their own and a cancellation give back all the money
 * left and cancel every invoice in full. The money moves first and the order only once it is
 * refunded, so a refusal or a provider outage answers a problem and changes nothing, and the
 * shopper is only told of a refund that happened. The move issues the credit notes cancelling the
 * order's invoices in its own batch, so a refunded order that shipped has them, or, when a seller's
 * series ran out while the money moved, is flagged to get them from the invoicing backfill. An order
 * whose money was never taken (cash on delivery cancelled before delivery, an authorization voided)
 * has nothing to refund and is refused; one whose money is all back already follows it to refunded. With `expected`, an order no longer in
 * it is refused before the provider is asked; once the money has moved, the order follows it from
 * whatever status the conditional write finds, as without.
 */
export async function refundOrder(env: Env, orderId: string, by: Mover, reason: string | null, expected?: OrderStatus): Promise<void> {
  const from = await checkTransition(env.DB, { orderId, to: "refunded", actor: by.actor, expected });
  if (from === "refunded") return;
  const payment = await paymentForOrder(env.DB, orderId);
  // Captured money all given back while the order stayed put (an earlier try of this move whose own
  // write failed after the provider refunded): the order follows the money, and nothing is asked of
  // the provider again. Anything else with nothing left to refund never had money taken.
  const moneyBack = payment?.status === "refunded" && payment.capturedAmount > 0;
  if (!payment || (refundable(payment) === 0 && !moneyBack)) {
    throw new AppError("conflict", `Nothing to refund: no captured money is left on this ${from} order. Nothing changed.`, {
      extensions: { captured: payment?.capturedAmount ?? 0, refunded: payment?.refundedAmount ?? 0 },
    });
  }
  // A shipped order's invoices are each cancelled by a credit note issued with the move; a cancelled
  // order never shipped, has none and gets none. A refund its credit notes cannot be numbered for is
  // refused before the money moves: the money would otherwise be back with an order that stays put.
  const returned = from === "return_requested" ? await readReturnedLines(env.DB, orderId) : null;
  const part = returned && !returnsWholeOrder(returned) ? returned : null;
  const invoices = await invoicesToCredit(env.DB, orderId, part && unitsAskedBack(part));
  const sellers = invoices.map((i) => ({ id: i.sellerId, name: i.sellerName }));
  await refuseExhaustedSeries(env.DB, "credit_note", sellers, nowIso(), `Nothing changed: no money moved and the order is still ${from}.`);
  const key = retryableKey(`${orderId}:refund`);
  const provider = paymentProvider(env, by.origin);
  if (!moneyBack) {
    const taken = await takeRefundLease(env.DB, payment.id);
    if ("heldUntil" in taken) throw refundUnderWay(from, taken.heldUntil);
    try {
      await moveMoney("refund", { id: orderId, from }, () =>
        part ? refundUpTo(provider, env.DB, payment, key, returnRefund(part)) : refundRemainder(provider, env.DB, payment, key),
      );
    } finally {
      await releaseRefundLease(env.DB, payment.id, taken.lease);
    }
  }
  // The shopper's timeline shows this: an accepted return says what went back and what it refunded.
  const given = part ? returnRefund(part) : moneyBack ? payment.refundedAmount : refundable(payment);
  const accepted = returned && returnRefundWords(returned, given);
  const why = reason ?? accepted ?? opsMoveWords("refunded");
  const cause = part ? "part_return_accepted" : from === "return_requested" ? "return_accepted" : "refunded_by_ops";
  const move = { orderId, to: "refunded", actor: by.actor, actorId: by.actorId, reason: why } as const;
  try {
    await transitionOrder(env.DB, move, (at) => creditNoteStatements(env.DB, orderId, invoices, cause, at));
  } catch (err) {
    // A failure because another refund took a seller's last credit-note number since the check above: the money is back
    // with the shopper already, so the order follows it and its credit notes are left owed.
    if (err instanceof AppError || !(await exhaustedSeries(env.DB, "credit_note", sellers, nowIso()))) throw err;
    console.log(JSON.stringify({ level: "warn", message: "refunded without credit notes: series exhausted", orderId }));
    await transitionOrder(env.DB, move, () => [creditNotesOwedStatement(env.DB, orderId)]);
  }
  // A delivered order refunded is no cancellation: nothing is left for the cancellation cron.
  if (from !== "cancelled") await markSettled(env.DB, orderId);
}

/**
 * Marks a shipped order delivered (ops), capturing a cash-on-delivery payment first: the order
 * moves only once the money is captured, so a refused capture changes nothing. From a requested
 * return it is the decline, which must say why: the shopper is shown `reason`. A retried decline
 * finds the order delivered and changes nothing. With `expected`, an order no longer in it is refused
 * before any money moves, and a move without money keeps it as a condition of its write.
 */
export async function deliverOrder(env: Env, orderId: string, by: Mover, reason: string | null, expected?: OrderStatus): Promise<void> {
  const from = await checkTransition(env.DB, { orderId, to: "delivered", actor: by.actor, expected });
  if (from === "delivered") return;
  if (from === "return_requested") {
    if (!reason) {
      throw new AppError("validation_failed", "Declining a return needs a reason: the shopper is shown it. Nothing changed.", {
        errors: [{ path: "reason", message: "Required to decline a return" }],
      });
    }
    await transitionOrder(env.DB, { orderId, to: "delivered", actor: by.actor, actorId: by.actorId, reason, expected });
    return;
  }
  const payment = await paymentForOrder(env.DB, orderId);
  const capture = payment?.method === "cod" && payment.status === "authorized" ? payment : null;
  if (capture) {
    const key = retryableKey(`${orderId}:cod-capture`);
    await moveMoney("capture", { id: orderId, from }, () => capturePayment(paymentProvider(env, by.origin), env.DB, capture, key));
  }
  await transitionOrder(env.DB, {
    orderId,
    to: "delivered",
    actor: by.actor,
    actorId: by.actorId,
    reason: reason ?? opsMoveWords("delivered"),
    // Captured money is the order's to follow: refusing now would leave it captured on an undelivered order.
    expected: capture ? undefined : expected,
  });
}

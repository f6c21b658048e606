import { AppError } from "../platform/errors";
import type { OrderView } from "./queries";
import { type ReturnAsk, chooseReturnLines, markLinesAskedBack } from "./return-lines";
import { RETURN_REASON_WORDS, type ReturnReason, requestWords } from "./return-reasons";
import { transitionOrder } from "./transitions";

/** A day as shoppers read it in a refusal ("11 Dec 2025"), in India Standard Time. */
function dayOf(iso: string): string {
  return new Date(iso).toLocaleDateString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium" });
}

/**
 * Why the shopper may not return this order now, as the problem to answer; null when they may.
 * An order already waiting on its return is no refusal: asking again is a double-submit. A declined
 * return is final: ops looked at the goods' case once, and the same order asked again would only
 * come back to them with the same answer.
 */
export function returnRefusal(order: OrderView): AppError | null {
  if (order.status === "return_requested") return null;
  const w = order.return_window;
  if (w.state === "declined") {
    const why = w.decline_reason ?? "";
    return new AppError("return_declined", `Your return was declined: ${why}${/[.!?]$/.test(why) ? "" : "."} Nothing changed.`, {
      extensions: { decline_reason: w.decline_reason, declined_at: order.return_request?.decided_at ?? null },
    });
  }
  if (order.status === "shipped") {
    return new AppError("illegal_transition", "This order is on its way: it can be returned once it is delivered. Nothing changed.", {
      extensions: { from: order.status, to: "return_requested" },
    });
  }
  if (order.status !== "delivered") {
    const refunded = order.status === "refunded" || order.status === "return_received";
    const asked = order.return_request;
    if (refunded && asked?.outcome === "accepted") {
      // A part return refunds only what came back: "refunded already" would read as the whole order.
      const what = asked.units < asked.of_units ? `${asked.units} of this order's ${asked.of_units} items` : "this order";
      return new AppError(
        "illegal_transition",
        `Your return of ${what} (asked for on ${dayOf(asked.requested_at)}) was accepted, and an order is returned once, so this request was not added. Nothing changed.`,
        { extensions: { from: order.status, to: "return_requested" } },
      );
    }
    const now = refunded ? "it is refunded already" : `it is ${order.status.replaceAll("_", " ")}`;
    return new AppError("illegal_transition", `Only a delivered order can be returned, and ${now}. Nothing changed.`, {
      extensions: { from: order.status, to: "return_requested" },
    });
  }
  if (w.state === "not_returnable") {
    const named = w.not_returnable.map((l) => `${l.why}: ${l.title}`).join("; ");
    return new AppError("not_returnable", `${named}. Nothing in this order can be returned, so nothing changed.`, {
      extensions: { items: w.not_returnable },
    });
  }
  if (w.state === "closed" && w.until) {
    return new AppError("return_window_closed", `The return window for this order closed on ${dayOf(w.until)}. Nothing changed.`, {
      extensions: { closed_at: w.until },
    });
  }
  return null;
}

/**
 * The shopper asks to return some or all of a delivered order within its window: `items` names the
 * lines and units going back, and without it every line that can be returned goes back whole. The
 * move itself is the state machine's conditional UPDATE, so a double-submit finds the order asked for
 * already and changes nothing (whatever lines it names: one return per order, the first one stands),
 * and ops moving the order meanwhile makes this one a 409 rather than a second move. A bad list of
 * lines is refused (400) before anything is written.
 */
export async function requestReturn(
  db: D1Database,
  order: OrderView,
  shopperId: string,
  ask: { reason: ReturnReason; note?: string | undefined; items?: ReturnAsk[] | undefined },
): Promise<void> {
  const refusal = returnRefusal(order);
  if (refusal) throw refusal;
  const chosen = chooseReturnLines(order.items, ask.items);
  if (order.status === "return_requested") {
    // The same lines for the same reason: a form sent twice. Anything else is a second return.
    const asked = order.return_request;
    const sameLines = order.items.every((l) => (chosen.get(l.listing_id) ?? 0) === (l.return_qty ?? 0));
    if (!asked || (asked.reason === ask.reason && sameLines)) return;
    throw new AppError(
      "conflict",
      `You asked to return this order on ${dayOf(asked.requested_at)} (${RETURN_REASON_WORDS[asked.reason].toLowerCase()}), and an order is returned once, so this request was not added. Nothing changed.`,
    );
  }
  await transitionOrder(
    db,
    {
      orderId: order.id,
      to: "return_requested",
      actor: "shopper",
      actorId: shopperId,
      reason: requestWords(ask.reason, ask.note || null),
    },
    (at) => [markLinesAskedBack(db, order.id, chosen, at)],
  );
}

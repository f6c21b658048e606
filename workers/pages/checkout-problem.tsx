import { type Problem, problemMessage } from "./api";
import { money } from "./format";
import { dealLimitWords } from "../cart/deal-limit-words";
import { turnOverWords } from "./deal-hold";
import { holdRefusalMessage } from "./hold-refusal";
import type { Cart } from "./types";

/** One change checkout reported (`{ listing_id, change, was, now }`), as a sentence naming the item. */
export function changeSentence(change: unknown, cart: Cart): string {
  if (!change || typeof change !== "object") return String(change);
  const ch = change as {
    listing_id?: string;
    change?: string;
    was?: number | null;
    now?: number | null;
    max_qty?: number | null;
    per_shopper?: number | null;
    ordered?: number;
  };
  const title = cart.items.find((l) => l.listing_id === ch.listing_id)?.title ?? "An item";
  switch (ch.change) {
    case "price_up":
      return `${title}: the price went up from ${money(ch.was)} to ${money(ch.now)}.`;
    case "price_down":
      return `${title}: the price dropped from ${money(ch.was)} to ${money(ch.now)}.`;
    case "sold_out":
      return `${title} is sold out.`;
    case "qty_exceeds_limit":
      return dealLimitWords(`${title}: the deal`, { left: ch.max_qty ?? 0, perShopper: ch.per_shopper, ordered: ch.ordered }, null);
    case "qty_exceeds_stock":
      return typeof ch.max_qty === "number" && ch.max_qty > 0
        ? `${title}: only ${ch.max_qty} can be bought in one order now.`
        : `${title}: fewer are left than you asked for.`;
    default:
      return `${title} is no longer on sale.`;
  }
}

/**
 * The deal whose waiting-room admission checkout refused: none was sent (400) or the one sent has
 * run out or belongs to someone else (403). Null for any other refusal.
 */
export function admissionRefusedFor(problem: Problem): string | null {
  const dealId = problem.deal_id;
  return typeof dealId === "string" && (problem.status === 400 || problem.status === 403) ? dealId : null;
}

/** Why checkout needs the deal's waiting room, and the way back into it. */
function AdmissionRefused(props: { dealId: string; status: number; cart: Cart }) {
  const title = props.cart.items.find((l) => l.deal_id === props.dealId)?.title ?? "This item";
  return (
    <>
      <p>
        {props.status === 400
          ? `${title} is a flash deal: it is checked out with your turn from the deal's waiting room.`
          : turnOverWords(title)}
      </p>
      <p>
        <a class="button primary" href={`/deals/${encodeURIComponent(props.dealId)}`}>
          Go to the deal's waiting room
        </a>
      </p>
    </>
  );
}

/** Why checkout refused the order, in words, with what the shopper can do about it. */
export function CheckoutProblem(props: { problem: Problem; cart: Cart }) {
  const { problem, cart } = props;
  const dealId = admissionRefusedFor(problem);
  const changes = problem.changes;
  // A refused deal hold names its reason; other items keep the API's own sentence.
  const dealLine = problem.listing_id !== undefined && cart.items.some((l) => l.deal_id && l.listing_id === problem.listing_id);
  const refusal = dealLine ? holdRefusalMessage(problem.reason) : null;
  return (
    <div
      class="panel error"
      role="alert"
      data-problem-status={String(problem.status)}
      // checkout.js forgets an admission stored in this tab once checkout has refused it.
      data-admission-refused={dealId ?? undefined}
    >
      {dealId ? <AdmissionRefused dealId={dealId} status={problem.status} cart={cart} /> : <p>{refusal ?? problemMessage(problem)}</p>}
      {Array.isArray(changes) && (
        <ul>
          {changes.map((ch) => (
            <li>{changeSentence(ch, cart)}</li>
          ))}
        </ul>
      )}
      {problem.status === 409 && (
        <p>
          <a href="/cart">Review your cart</a> before placing the order again.
        </p>
      )}
    </div>
  );
}

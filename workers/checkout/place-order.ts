import { type LineChange, cartStub, lineChanges, maxQtyShort } from "../cart/cart-service";
import { refusalDetail } from "../deals/refusal-words";
import { dealLimitWords } from "../cart/deal-limit-words";
import { quoteListings } from "../cart/pricing";
import { holdIdFor } from "../deals/gate-client";
import type { AdmissionClaims } from "../deals/tickets";
import type { Principal } from "../platform/context";
import { AppError } from "../platform/errors";
import { sha256Hex } from "../platform/ids";
import { nowIso } from "../platform/time";
import { countPlacedStatement } from "../orders/order-minutes";
import { normalizePhone } from "../orders/phone";
import { fromProviderStatus, paymentProvider } from "../payments/payment-actions";
import type { AuthorizeResult } from "../payments/provider";
import { SANDBOX_PROVIDER } from "../payments/sandbox/provider";
import { requireAdmission } from "./admission";
import { assertCodWithinLimit } from "./cod-limit";
import { keySpent, reuseEarlierHolds, undoFailedAttempt } from "./earlier-attempt";
import { type LineHold, holdRef, reserveLine } from "./holds";
import { holdServesOrder } from "./payment-window";
import { firstLook } from "./saga-watch";
import type { CheckoutInput, CheckoutResult } from "./schemas";

/** The ids one checkout derives from (shopper, Idempotency-Key): the same request always lands on the same saga. */
export interface SagaIds {
  sagaId: string;
  orderId: string;
  paymentId: string;
}

/** Derives the saga, order and payment ids from the shopper and the key. */
export async function sagaIds(userId: string, key: string): Promise<SagaIds> {
  const h = (await sha256Hex(`checkout\n${userId}\n${key}`)).slice(0, 26);
  return { sagaId: `sga_${h}`, orderId: `ord_${h}`, paymentId: `pay_${h}` };
}

/** The provider's idempotency key for a saga step ("authorize", "capture", ...). */
export function stepKey(sagaId: string, step: string): string {
  return `${sagaId}:${step}`;
}

/** The checkout's answer for an order that exists. */
export async function checkoutResult(db: D1Database, orderId: string, origin: string): Promise<CheckoutResult | null> {
  const row = await db
    .prepare(
      `SELECT o.id, o.status, o.total, p.id AS paymentId, p.method, p.status AS paymentStatus, p.provider_ref AS ref
       FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.id = ?`,
    )
    .bind(orderId)
    .first<{
      id: string;
      status: string;
      total: number;
      paymentId: string;
      method: CheckoutResult["payment"]["method"];
      paymentStatus: string;
      ref: string | null;
    }>();
  if (!row) return null;
  return {
    order_id: row.id,
    status: row.status,
    total: row.total,
    currency: "INR",
    payment: {
      id: row.paymentId,
      method: row.method,
      status: row.paymentStatus,
      redirect_url: row.paymentStatus === "pending" && row.ref ? `${origin}/psp-sandbox/pay/${row.ref}` : null,
    },
  };
}

/**
 * The cart lines this checkout takes: the ones `listingIds` names, or the whole cart. Refused
 * before anything is read or held when an id is not in the cart, so the shopper's form can say
 * which; every later check (prices, deal admissions, the cash-on-delivery limit) sees only these.
 */
export function chosenLines<L extends { listingId: string }>(cart: L[], listingIds: string[] | undefined): L[] {
  if (cart.length === 0) throw new AppError("bad_request", "Your cart is empty.");
  if (!listingIds) return cart;
  const missing = listingIds.flatMap((id, i) =>
    cart.some((l) => l.listingId === id) ? [] : [{ path: `listing_ids.${i}`, message: `${id} is not in your cart` }],
  );
  if (missing.length > 0)
    throw new AppError("validation_failed", "Some of the items to check out are no longer in your cart.", { errors: missing });
  return cart.filter((l) => listingIds.includes(l.listingId));
}

/**
 * The synchronous part of checkout: re-validate the cart's chosen lines (all of them unless the
 * input names some) against today's prices and stock, reserve every one, open the payment at the
 * provider, and create the order (pending payment, prices snapshotted) with its first transition
 * and outbox event in one batch; only those lines leave the cart. Every step is
 * keyed by the saga id, so the checkout saga can replay them as no-ops, and a retry of a request
 * that crashed halfway converges on the same order. It never waits on Workflow instance creation.
 */
export async function placeOrder(
  env: Env,
  user: Principal,
  guestId: string | null,
  key: string,
  input: CheckoutInput,
  origin: string,
): Promise<CheckoutResult & { sagaId: string }> {
  const ids = await sagaIds(user.id, key);
  const existing = await checkoutResult(env.DB, ids.orderId, origin);
  if (existing) return { ...existing, sagaId: ids.sagaId };

  const cart = cartStub(env, `user:${user.id}`);
  const lines = chosenLines(await cart.lines(), input.listing_ids);
  const quotes = await quoteListings(
    env.DB,
    lines.map((l) => l.listingId),
    user.id,
  );

  // What the shopper pays decides whether cash on delivery is taken (below), and whether the
  // prices they were shown are today's: a page that showed this total, and the button that said
  // "pay" it, is the shopper's yes to it, so a price that moved since the line was added and was
  // shown there asks for no second look.
  const total = lines.reduce((s, l) => s + (quotes.get(l.listingId)?.price ?? 0) * l.qty, 0);
  const shownNow = input.expected_total === total;

  // Re-validate before anything is reserved or charged; the shopper sees what changed.
  const changes = lines.flatMap((line) => {
    const q = quotes.get(line.listingId);
    const moved = lineChanges(line, q).filter((c) => !(shownNow && (c === "price_up" || c === "price_down")));
    return moved.map((change) => ({
      listing_id: line.listingId,
      change,
      was: line.seenPrice,
      now: q?.price ?? null,
      qty: line.qty,
      ...(change === "qty_exceeds_stock" || change === "qty_exceeds_limit" ? { max_qty: maxQtyShort(line, q) } : {}),
      ...(change === "qty_exceeds_limit" ? { per_shopper: q?.dealLimit ?? null, ordered: q?.dealOrdered ?? 0 } : {}),
    }));
  });
  if (changes.length > 0) {
    // Showing the new prices is the shopper's acknowledgement: a fresh checkout goes ahead at them.
    await cart.acknowledgePrices([...quotes.values()].map((q) => ({ listingId: q.listingId, price: q.price })));
    throw changesRefusal(changes);
  }

  // Refused before anything is held or opened.
  assertCodWithinLimit(input.payment_method, total);

  // Deal lines need an admission; the admitted shopper id names the deal's hold, and the account
  // is what the deal's per-shopper limit counts, however many guest ids it was admitted under.
  const admitted = new Map<string, AdmissionClaims>();
  for (const q of quotes.values()) {
    if (q.dealId && !admitted.has(q.dealId))
      admitted.set(q.dealId, await requireAdmission(env, input.admission_token, q.dealId, [user.id, guestId]));
  }
  const holds: LineHold[] = await Promise.all(
    lines.map(async (l) => {
      const dealId = quotes.get(l.listingId)?.dealId ?? null;
      const admission = dealId ? admitted.get(dealId) : undefined;
      const shopper = admission?.shopper ?? user.id;
      const claimFrom = dealId ? await holdIdFor(dealId, shopper) : undefined;
      const ref = holdRef(ids.sagaId, l.listingId, claimFrom ?? null);
      return {
        orderId: ids.orderId,
        listingId: l.listingId,
        qty: l.qty,
        dealId,
        ref,
        admittedUntil: admission?.exp,
        admittedIn: admission?.group,
        claimFrom,
        toPincode: input.address.pincode,
      };
    }),
  );
  await reuseEarlierHolds(env, ids.sagaId, holds);

  const provider = paymentProvider(env, origin);
  let auth: AuthorizeResult | null = null;
  try {
    for (const hold of holds) {
      const shopperId = (hold.dealId && admitted.get(hold.dealId)?.shopper) || user.id;
      const res = await reserveLine(env, hold, { shopperId, accountId: user.id });
      // Only a key's earlier attempt could have left this hold, lapsed or too near lapsing to
      // last this order's payment window; it is answered like any stale attempt.
      if ((!res.ok && res.reason === "expired") || (res.ok && !holdServesOrder(res.expiresAt, Date.now()))) throw keySpent();
      if (!res.ok) {
        // Only a deal out of units is "sold out": a shopper at their limit, or a deal paused or
        // ended, is told that, with the reason for the page to word.
        const soldOut = res.reason === "sold_out";
        throw new AppError(
          soldOut ? "sold_out" : "deal_unavailable",
          soldOut ? "An item sold out while you were checking out." : refusalDetail(res.reason, hold.qty),
          { extensions: { listing_id: hold.listingId, reason: res.reason } },
        );
      }
    }
    auth = await provider.authorize({
      key: stepKey(ids.sagaId, "authorize"),
      merchantRef: ids.orderId,
      amount: total,
      method: input.payment_method,
      returnUrl: `${origin}/orders/${ids.orderId}`,
    });
    // An earlier attempt with this key opened the payment for another total, or it was voided when that attempt was undone.
    if (auth.amount !== total || (auth.status !== "requires_action" && auth.status !== "authorized")) throw keySpent();
    const db = env.DB;
    const now = nowIso();
    const dealId = holds.find((h) => h.dealId)?.dealId ?? null;
    await db.batch([
      db
        .prepare(
          `INSERT INTO orders (id, user_id, status, idempotency_key, subtotal, total, currency, address, payment_method, deal_id, saga_id,
             saga_check_at, created_at, updated_at, phone)
           VALUES (?1, ?2, 'created', ?3, ?4, ?4, 'INR', ?5, ?6, ?7, ?8, ?10, ?9, ?9, ?11) ON CONFLICT DO NOTHING`,
        )
        .bind(
          ids.orderId,
          user.id,
          key,
          total,
          JSON.stringify(input.address),
          input.payment_method,
          dealId,
          ids.sagaId,
          now,
          firstLook(Date.parse(now)),
          // Kept beside the address so ops can find the order by the number a caller reads out.
          normalizePhone(input.address.phone),
        ),
      // Next to the insert it asks about, and passing on its changes() to the transition below.
      countPlacedStatement(db, now),
      db
        .prepare(
          `INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at)
           SELECT ?1, NULL, 'created', ?2, 'checkout', ?3 WHERE changes() = 1`,
        )
        .bind(ids.orderId, `shopper:${user.id}`, now),
      db
        .prepare(
          `INSERT INTO outbox (topic, payload, created_at)
           SELECT 'order', json_object('type', 'order.transition', 'transitionId', last_insert_rowid(), 'orderId', ?1, 'userId', ?2,
             'from', NULL, 'to', 'created', 'actor', ?3, 'at', ?4), ?4 WHERE changes() = 1`,
        )
        .bind(ids.orderId, user.id, `shopper:${user.id}`, now),
      ...lines.map((l, i) => {
        const q = quotes.get(l.listingId);
        return db
          .prepare(
            // The listing's own price is read in the write, so a deal's results know what each unit gave away.
            `INSERT INTO order_items (order_id, listing_id, product_id, seller_id, title, qty, unit_price, mrp, deal_id, reservation_id, created_at,
               list_price)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, (SELECT price FROM listings WHERE id = ?2)) ON CONFLICT DO NOTHING`,
          )
          .bind(
            ids.orderId,
            l.listingId,
            q?.productId ?? "",
            q?.sellerId ?? "",
            q?.title ?? "",
            l.qty,
            q?.price ?? 0,
            q?.mrp ?? 0,
            holds[i]?.dealId ?? null,
            holds[i]?.ref ?? null,
            now,
          );
      }),
      db
        .prepare(
          `INSERT INTO payments (id, order_id, provider, provider_ref, method, status, amount, idempotency_key, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) ON CONFLICT DO NOTHING`,
        )
        .bind(
          ids.paymentId,
          ids.orderId,
          SANDBOX_PROVIDER,
          auth.ref,
          input.payment_method,
          fromProviderStatus(auth.status),
          total,
          stepKey(ids.sagaId, "authorize"),
          now,
        ),
    ]);
  } catch (err) {
    // Give back what this attempt took, so a failed checkout holds no stock and no payment.
    await undoFailedAttempt(env, ids.orderId, holds, auth && { provider, ref: auth.ref, key: stepKey(ids.sagaId, "undo-authorize") });
    throw err;
  }
  await cart.removeLines(lines.map((l) => l.listingId));
  const status = fromProviderStatus(auth.status);
  return {
    order_id: ids.orderId,
    status: "created",
    total,
    currency: "INR",
    payment: { id: ids.paymentId, method: input.payment_method, status, redirect_url: status === "pending" ? auth.redirectUrl : null },
    sagaId: ids.sagaId,
  };
}

/**
 * The refusal for lines that changed since they were added: `sold_out` when any cannot be had in
 * its quantity, else `deal_unavailable` (reason `per_user_limit`) when a deal line wants more than
 * its deal lets one shopper buy, which nothing sold out, else `price_changed`. Each lists them all.
 */
function changesRefusal(
  changes: { change: LineChange; max_qty?: number | null; per_shopper?: number | null; ordered?: number }[],
): AppError {
  const kinds = new Set(changes.map((c) => c.change));
  if (kinds.has("sold_out") || kinds.has("unavailable") || kinds.has("qty_exceeds_stock")) {
    const blocking = [...kinds].filter((k) => k !== "price_up" && k !== "price_down");
    const words = blocking.every((k) => k === "unavailable")
      ? "Some items are no longer on sale."
      : "Some items are no longer available in that quantity.";
    return new AppError("sold_out", words, { extensions: { changes } });
  }
  const overLimit = changes.find((c) => c.change === "qty_exceeds_limit");
  if (overLimit) {
    return new AppError(
      "deal_unavailable",
      dealLimitWords(
        "A deal in your cart",
        { left: overLimit.max_qty ?? 0, perShopper: overLimit.per_shopper, ordered: overLimit.ordered },
        "place the order",
      ),
      { extensions: { reason: "per_user_limit", changes } },
    );
  }
  return new AppError("price_changed", "Some prices changed since you added them.", { extensions: { changes } });
}

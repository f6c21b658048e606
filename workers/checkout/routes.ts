import type { Background } from "../platform/background";
import { knownGuestId } from "../accounts/guest";
import { requireUser } from "../accounts/authorize";
import type { Principal } from "../platform/context";
import { COD_LIMIT_WORDS } from "../delivery/cash-on-delivery";
import { AppError, type ErrorCode } from "../platform/errors";
import { relayOutbox } from "../platform/outbox";
import { createRouter, route, createdHeaders } from "../platform/router";
import { claimKey, completeKey, releaseKey, requestFingerprint } from "./idempotency";
import { placeOrder } from "./place-order";
import { CheckoutBody, type CheckoutInput, CheckoutResponse, type CheckoutResult, IdempotencyHeader } from "./schemas";
import { startSaga } from "./start-saga";

/** Checkout: the idempotent entry to the checkout saga. */
export const checkoutRoutes = createRouter();

/** Refusals that tell the shopper what changed; they are the key's answer, and going ahead takes a new key. */
const TELLS_SHOPPER = new Set<ErrorCode>(["price_changed", "sold_out", "deal_unavailable"]);

/** How a refusal that told the shopper something is stored under its key, to be replayed as it was. */
interface ToldShopper {
  code: ErrorCode;
  detail: string;
  extensions?: Record<string, unknown>;
}

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: {} } } });

checkoutRoutes.openapi(
  route({
    method: "post",
    path: "/checkout",
    access: "signed_in",
    tags: ["checkout"],
    summary: "Turn the cart (or the lines of it named) into an order: reserve stock, open the payment, start the checkout saga",
    description:
      "Idempotent under the Idempotency-Key header, scoped to the shopper and kept 24 hours: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is 422; while the first request runs, 409; after a first request that failed partway (what it held and opened is given back), 409 `idempotency_spent`: place the order again with a new key. Prices and availability are re-checked first: 409 `price_changed` or `sold_out` lists what changed (`deal_unavailable` with `reason` `per_user_limit` when all that stands in the way is a deal line over its limit per shopper), and nothing is reserved or charged (a deal line its gate refuses is `sold_out` when the deal is out of units, else `deal_unavailable` with the `reason`: the shopper's limit reached, the deal paused or ended); that answer is the key's first response (a retry with the key replays it), so place the order again with a new key once the shopper has seen it. " +
      `${COD_LIMIT_WORDS}: a larger one paid \`cod\` is 409 \`cod_unavailable\`, naming \`payment_method\` in \`errors\`, with nothing held, opened or kept under the key. ` +
      "A PIN code we cannot deliver to (an Army Post Office's) is 400 naming `address.pincode`. " +
      "With `listing_ids`, only those lines of the cart are checked out (every check above applies to them alone) and only they leave the cart; " +
      "an id not in the cart is 400 naming `listing_ids.<i>`, and nothing changes.",
    request: { headers: IdempotencyHeader, body: { content: { "application/json": { schema: CheckoutBody } } } },
    responses: {
      201: {
        description: "Order created, pending payment",
        headers: createdHeaders,
        content: { "application/json": { schema: CheckoutResponse } },
      },
      400: problem(
        "Invalid body (a PIN code we cannot deliver to among them), missing Idempotency-Key, empty cart, or `listing_ids` naming a line not in the cart",
      ),
      401: problem("Not signed in"),
      409: problem(
        "Price changed, sold out, cash on delivery for an order at or above its limit, the same key is still in flight, or its earlier attempt failed partway and was undone",
      ),
      422: problem("Idempotency-Key reused with a different body"),
      503: problem("No payment provider is configured (the built-in sandbox runs only in demo mode), or the store is shedding load"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const key = c.req.valid("header")["idempotency-key"];
    const body = c.req.valid("json");
    const db = c.env.DB;
    // The lines named are a set: listed in another order they are the same request.
    const fingerprinted = body.listing_ids ? { ...body, listing_ids: [...body.listing_ids].sort() } : body;
    const claim = await claimKey(db, user.id, key, await requestFingerprint(fingerprinted));
    if (claim.kind === "replay") {
      if (claim.response.status !== 201) {
        const told = claim.response.body as ToldShopper;
        throw new AppError(told.code, told.detail, { extensions: told.extensions, headers: { "idempotent-replayed": "true" } });
      }
      const first = claim.response.body as CheckoutResult;
      c.header("idempotent-replayed", "true");
      c.header("location", `/api/orders/${first.order_id}`);
      return c.json(first, 201);
    }
    const attempt = checkoutAttempt(c.env, c.executionCtx, user, await knownGuestId(c), key, body, new URL(c.req.url).origin);
    // A shopper's dropped connection cancels the request. Once the attempt runs it holds stock and
    // may open a payment, so it is finished in the background rather than cut off halfway, which
    // would leave the stock held and the key in flight until each times out: the shopper's retry
    // then finds the order.
    c.executionCtx.waitUntil(
      attempt.catch((err) => {
        // A refusal is the shopper's answer; anything else is logged here too, in case nobody is left to see it.
        if (!(err instanceof AppError))
          console.error(JSON.stringify({ level: "error", message: "checkout attempt failed", error: String(err) }));
      }),
    );
    const result = await attempt;
    c.header("location", `/api/orders/${result.order_id}`);
    return c.json(result, 201);
  },
);

/**
 * One checkout attempt under a claimed key: places the order, stores the key's answer (or frees
 * the key), and starts the saga. Runs to the end whether or not the shopper is still connected.
 */
async function checkoutAttempt(
  env: Env,
  ctx: Background,
  user: Principal,
  guestId: string | null,
  key: string,
  body: CheckoutInput,
  origin: string,
): Promise<CheckoutResult> {
  let placed: Awaited<ReturnType<typeof placeOrder>>;
  try {
    placed = await placeOrder(env, user, guestId, key, body, origin);
  } catch (err) {
    if (err instanceof AppError && TELLS_SHOPPER.has(err.code)) {
      // The shopper must see this answer before anything is charged: a lost 409 retried with the
      // same key would otherwise find the new prices already acknowledged and go ahead at them.
      const told: ToldShopper = { code: err.code, detail: err.detail, extensions: err.options.extensions };
      await completeKey(env.DB, user.id, key, { status: err.status, body: told });
    } else {
      // The attempt gave back what it took (a retry checks what a dead one left): let the shopper retry with the key.
      await releaseKey(env.DB, user.id, key);
    }
    throw err;
  }
  const { sagaId, ...result } = placed;
  await completeKey(env.DB, user.id, key, { status: 201, body: result });
  ctx.waitUntil(Promise.all([startSaga(env, { sagaId, orderId: result.order_id, userId: user.id, origin }), relayOutbox(env)]));
  return result;
}

import { MAX_LINES, MAX_QTY_PER_LINE as LINE_MAX } from "../../durable-objects/cart";
import { MAX_SAVED } from "../../durable-objects/cart-saved";
import { dealLimitWords } from "../cart/deal-limit-words";
import { safeNext } from "./local-path";
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi, answerProblem, problemMessage, relayCookies } from "./api";
import { personalPage } from "./cache";
import { Availability, ProductThumb } from "./components";
import { clip, money } from "./format";
import { CsrfField, Layout } from "./layout";
import type { Cart, CartLine } from "./types";
import { refusedPage } from "./refused-page";
import type { Child } from "hono/jsx";
import type { Order } from "./types";
import { buyAgainNotice, buyAgainOrderId } from "./buy-again";
import { SaveForLaterForm, SavedForLater, registerSavedForLaterPages, savedNotice } from "./saved-for-later";
import { type OtherSeller, OtherSellerOffer, otherSellers, registerSwitchSeller } from "./other-seller";
import { CartLineForm, targetQty } from "./cart-line-form";
import { NotIncludedNote } from "./not-included";

/** The "Move to wishlist" form's fields: the line to move, and its product, which the wishlist keeps. */
const MoveToWishlistForm = z.object({
  listing_id: z.string().min(1).max(64),
  product_id: z.string().min(1).max(64),
});

const CAPPED_NOTICE = `Your cart holds ${LINE_MAX} of it now: one order takes at most ${LINE_MAX} of an item.`;

/** What changed on a cart line since the shopper added it, in words (the cart API sends codes). */
export function lineChanges(line: CartLine): string[] {
  const codes = new Set(line.changes ?? []);
  const before = line.price_when_added ?? line.added_price;
  const moved = typeof before === "number" && typeof line.price === "number" && before !== line.price;
  if (moved) codes.add(line.price! > before! ? "price_up" : "price_down");
  if (line.availability === "sold_out") codes.add("sold_out");
  if (line.availability === "unavailable") codes.add("unavailable");
  const notes: string[] = [];
  for (const code of codes) {
    if ((code === "price_up" || code === "price_down") && moved) {
      notes.push(`Price ${code === "price_up" ? "went up" : "dropped"} from ${money(before)} to ${money(line.price)} since you added it.`);
    } else if (code === "sold_out") notes.push("Now sold out: remove it to check out.");
    else if (code === "unavailable") notes.push("No longer on sale: remove it to check out.");
    else if (code === "qty_exceeds_limit")
      notes.push(
        dealLimitWords(
          "This deal",
          { left: line.max_qty ?? 0, perShopper: line.deal_limit?.per_shopper, ordered: line.deal_limit?.ordered },
          "check out",
        ),
      );
    else if (code === "qty_exceeds_stock")
      notes.push(
        typeof line.max_qty === "number" && line.max_qty > 0
          ? `Only ${line.max_qty} can be bought in one order now: lower the quantity to check out.`
          : "Fewer are left than you want: lower the quantity to check out.",
      );
  }
  return notes;
}

/**
 * A deal line over what its limit per shopper leaves the shopper, and what to do, to `goal` ("check
 * out"): lower it to what is left, or remove it once their orders hold the whole limit.
 */
/**
 * What stops the cart's lines being ordered as they are, in words (sold out, no longer on sale,
 * more than can be bought now); null when nothing does. Checkout would refuse them, so neither
 * the cart nor checkout offers to place the order until the shopper has changed them.
 */
export function checkoutBlocker(lines: readonly CartLine[]): string | null {
  const soldOut = lines.some((l) => l.availability === "sold_out");
  const offSale = lines.some((l) => l.availability === "unavailable");
  const gone = soldOut && offSale ? "items sold out or no longer on sale" : soldOut ? "sold-out items" : "items no longer on sale";
  const tooMany = lines.some((l) => l.changes?.includes("qty_exceeds_stock") || l.changes?.includes("qty_exceeds_limit"));
  if ((soldOut || offSale) && tooMany) return `Remove ${gone} and lower the quantities marked to check out.`;
  if (soldOut || offSale) return `Remove ${gone} to check out.`;
  if (tooMany) return "Lower the quantities marked to check out.";
  return null;
}

/** The cart's total in paise, from the API's totals when it gives them. */
export function cartTotal(cart: Cart): number {
  return (
    cart.totals?.total ??
    cart.totals?.subtotal ??
    cart.total ??
    cart.subtotal ??
    cart.items.reduce((sum, l) => sum + (l.price ?? 0) * countedQty(l), 0)
  );
}

/** Units of a line a total counts: what can be bought now, as the API says; all of it from an older answer. */
function countedQty(line: CartLine): number {
  return typeof line.counted_qty === "number" ? line.counted_qty : line.qty;
}

/** The saving on MRP under a total, when there is one. */
export function YouSave(props: { cart: Cart }) {
  const saved = cartSavings(props.cart);
  return saved > 0 ? <p class="off">You save {money(saved)}</p> : null;
}

/**
 * What the lines cost below their MRP: the API's figure for the whole cart, else the lines' own
 * (checkout paying for some lines only shows those).
 */
export function cartSavings(cart: Cart): number {
  if (typeof cart.totals?.savings === "number") return cart.totals.savings;
  // As the API counts it: the lines' MRP against their prices, over the units the total counts.
  return Math.max(
    0,
    cart.items.reduce((sum, l) => sum + ((l.mrp ?? 0) - (l.price ?? 0)) * countedQty(l), 0),
  );
}

/**
 * The note on a flash-deal line: checkout sells it only with the admission its waiting room
 * gives, so the line says so and leads there (a line added before the deal opened needs it too).
 * The page is drawn without knowing whether this tab holds a turn (the waiting room keeps it in
 * the tab), so both sentences are drawn and app.js shows the second where it does.
 */
export function DealLineNote(props: { dealId: string }) {
  return (
    <p class="deal-note" role="note" data-deal-note={props.dealId}>
      <span class="tag">Flash deal</span>{" "}
      <span data-needs-turn>
        Checking out this deal needs your turn from its waiting room.{" "}
        <a href={`/deals/${encodeURIComponent(props.dealId)}`}>Go to the waiting room</a>
      </span>
      <span data-has-turn hidden>
        You have your turn from its waiting room: check out before it runs out.
      </span>
    </p>
  );
}

function CartTable(props: { cart: Cart; csrf: string | null; signedIn: boolean; others: Map<string, OtherSeller> }) {
  return (
    <ul class="cart-lines" aria-label="Items in your cart">
      {props.cart.items.map((line) => {
        const notes = lineChanges(line);
        // What the line adds to the total: the units it counts, so lines of several add up to it.
        const counted = line.counted_qty ?? line.qty;
        return (
          <li class="cart-line" data-listing-id={line.listing_id} data-deal-id={line.deal_id ?? undefined}>
            <div class="line-item">
              <ProductThumb image={line.image} title={line.title ?? line.listing_id} small />
              <div>
                {line.product_id ? (
                  <a href={`/products/${encodeURIComponent(line.product_id)}`}>{line.title ?? line.listing_id}</a>
                ) : (
                  <span>{line.title ?? line.listing_id}</span>
                )}
                <p>
                  <strong>{money(line.price)}</strong> each
                  {typeof line.price === "number" && counted > 1 && (
                    <>
                      {" "}
                      · <span data-line-amount>{money(line.price * counted)}</span> for {counted}
                    </>
                  )}
                </p>
                {/* One product may be in the cart from two sellers, at two prices: the seller tells the lines apart. */}
                {line.seller_name && <p class="muted">Sold by {line.seller_name}</p>}
                <Availability bucket={line.availability} />
                {line.deal_id && <DealLineNote dealId={line.deal_id} />}
                {notes.map((n) => (
                  <p class="change" role="note">
                    {n}
                  </p>
                ))}
                {props.others.get(line.listing_id) && (
                  <OtherSellerOffer line={line} other={props.others.get(line.listing_id) as OtherSeller} csrf={props.csrf} />
                )}
              </div>
            </div>
            <form method="post" action="/cart/items" class="qty">
              <CsrfField token={props.csrf} />
              <input type="hidden" name="listing_id" value={line.listing_id} />
              <label>
                Quantity <input type="number" name="qty" value={String(line.qty)} min="0" max="10" inputmode="numeric" />
              </label>
              <button type="submit">Update</button>
            </form>
            <div class="line-actions">
              <form method="post" action="/cart/items" class="remove">
                <CsrfField token={props.csrf} />
                <input type="hidden" name="listing_id" value={line.listing_id} />
                <input type="hidden" name="qty" value="0" />
                <button type="submit" class="link">
                  Remove<span class="visually-hidden"> {line.title ?? line.listing_id} from your cart</span>
                </button>
              </form>
              <SaveForLaterForm listingId={line.listing_id} title={line.title ?? line.listing_id} csrf={props.csrf} />
              {props.signedIn && line.product_id && (
                <form method="post" action="/cart/move-to-wishlist" class="move-to-wishlist">
                  <CsrfField token={props.csrf} />
                  <input type="hidden" name="listing_id" value={line.listing_id} />
                  <input type="hidden" name="product_id" value={line.product_id} />
                  <button type="submit" class="link">
                    Move to wishlist<span class="visually-hidden">: {line.title ?? line.listing_id}</span>
                  </button>
                </form>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * What the cart says after a sign-in that could not bring every line, or every saved item, of the
 * guest cart over; each count is read from the address, so one out of range is ignored.
 */
function notMergedMessage(
  linesParam: string | undefined,
  savedParam: string | undefined,
  cappedParam: string | undefined,
): string | undefined {
  const count = (param: string | undefined, max: number) => {
    const n = Number(param);
    return Number.isInteger(n) && n >= 1 && n <= max ? n : 0;
  };
  const items = (n: number) => (n === 1 ? "1 item" : `${n} items`);
  const lines = count(linesParam, MAX_LINES);
  const saved = count(savedParam, MAX_SAVED);
  const said = [
    lines > 0 ? `${items(lines)} from before you signed in did not fit: a cart holds at most ${MAX_LINES} items.` : "",
    saved > 0 ? `${items(saved)} you saved for later before signing in did not fit: Saved for later holds at most ${MAX_SAVED}.` : "",
  ].filter(Boolean);
  const where = lines > 0 && saved > 0 ? "this cart and your saved list" : lines > 0 ? "this cart" : "your saved list";
  const kept = said.length > 0 ? `${said.join(" ")} They are kept, and join ${where} when you next sign in with room for them.` : "";
  const capped = count(cappedParam, MAX_LINES);
  const cut =
    capped > 0
      ? `${items(capped)} from before you signed in came to more than ${LINE_MAX} with what your cart held, and one order takes at most ${LINE_MAX} of an item: ${capped === 1 ? "it is" : "they are"} at ${LINE_MAX} now.`
      : "";
  return [kept, cut].filter(Boolean).join(" ") || undefined;
}

/** What the cart says after a line moved to the wishlist. */
const MOVED_NOTICE = (
  <>
    Moved to your wishlist. <a href="/wishlist">See your wishlist</a>
  </>
);

/**
 * What the cart says after the shopper bought an order again, worded from their own order; nothing
 * when the landing names no order of theirs.
 */
async function boughtAgainNotice(c: Context<AppEnv>, fetchApi: ApiFetch): Promise<string | undefined> {
  const id = buyAgainOrderId((name) => c.req.query(name));
  if (!id || !c.var.user) return undefined;
  const order = await callApi<Order>(c, fetchApi, `/api/orders/${encodeURIComponent(id)}`);
  return order.ok ? buyAgainNotice(order.data, (name) => c.req.query(name)) : undefined;
}

async function renderCart(c: Context<AppEnv>, fetchApi: ApiFetch, message?: string, continueTo?: string, notice?: Child) {
  const res = await callApi<Cart>(c, fetchApi, "/api/cart");
  relayCookies(c, res.headers);
  personalPage(c);
  if (!res.ok) {
    return refusedPage(c, res.problem, { title: "Your cart", personal: true });
  }
  const cart = res.data;
  const blocked = checkoutBlocker(cart.items);
  const others = await otherSellers(c, fetchApi, cart);
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Your cart">
      <h1>Your cart</h1>
      {notice && (
        <p class="panel" role="status" data-cart-notice>
          {notice}
        </p>
      )}
      {message && (
        <p class="panel error" role="alert">
          {message}
          {continueTo && (
            <>
              {" "}
              <a href={continueTo}>Continue where you were going</a>.
            </>
          )}
        </p>
      )}
      {cart.items.length === 0 ? (
        <p class="panel">
          Your cart is empty. <a href="/">Find something you like</a>.
        </p>
      ) : (
        <div class="cart">
          <CartTable cart={cart} csrf={c.var.csrfToken} signedIn={!!c.var.user} others={others} />
          <aside class="summary" aria-label="Order summary">
            <p>
              Total <strong data-cart-total>{money(cartTotal(cart))}</strong>
            </p>
            <NotIncludedNote lines={cart.items} />
            <YouSave cart={cart} />
            {blocked ? (
              <p data-checkout-blocked>{blocked}</p>
            ) : (
              <a class="button primary" href="/checkout">
                Proceed to checkout
              </a>
            )}
          </aside>
        </div>
      )}
      <SavedForLater cart={cart} csrf={c.var.csrfToken} />
    </Layout>,
  );
}

/** Registers the cart page and its form endpoints, which work without scripts (post, then redirect). */
export function registerCartPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  registerSavedForLaterPages(app, fetchApi, (c, f, message) => renderCart(c, f, message));
  registerSwitchSeller(app, fetchApi, (c, message) => renderCart(c, fetchApi, message));
  app.get("/cart", async (c) => {
    const notMerged = notMergedMessage(c.req.query("not_merged"), c.req.query("saved_not_merged"), c.req.query("capped_merge"));
    const next = safeNext(c.req.query("next"));
    const notice =
      c.req.query("moved") === "1"
        ? MOVED_NOTICE
        : c.req.query("switched") === "1"
          ? `Switched to the other seller's offer.${c.req.query("capped") === "1" ? ` ${CAPPED_NOTICE}` : ""}`
          : c.req.query("capped") === "1"
            ? CAPPED_NOTICE
            : (savedNotice(c.req.query("done")) ?? (await boughtAgainNotice(c, fetchApi)));
    return renderCart(c, fetchApi, notMerged, notMerged && next !== "/cart" ? next : undefined, notice);
  });

  // Saved to the wishlist first, and only then taken out of the cart, so a refused save (a full
  // wishlist) leaves the cart as it was and the item is never in neither.
  app.post("/cart/move-to-wishlist", async (c) => {
    const parsed = MoveToWishlistForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return renderCart(c, fetchApi, "That form did not name an item of your cart.");
    }
    if (!c.var.user) return c.redirect(`/signin?next=${encodeURIComponent("/cart")}`, 303);
    const { listing_id, product_id } = parsed.data;
    const saved = await callApi(c, fetchApi, `/api/wishlist/${encodeURIComponent(product_id)}`, { method: "PUT", body: {} });
    if (!saved.ok) {
      answerProblem(c, saved.problem);
      return renderCart(c, fetchApi, `${problemMessage(saved.problem)} It is still in your cart.`);
    }
    const res = await callApi<Cart>(c, fetchApi, `/api/cart/items/${encodeURIComponent(listing_id)}`, { method: "PUT", body: { qty: 0 } });
    relayCookies(c, res.headers);
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderCart(c, fetchApi, `Saved to your wishlist, but it is still in your cart: ${problemMessage(res.problem)}`);
    }
    return c.redirect("/cart?moved=1", 303);
  });

  // Without scripts, "Add to cart" on a shared page lands here: one confirming click on a personal
  // page that carries the CSRF token. A GET never changes the cart.
  app.get("/cart/add", (c) => {
    personalPage(c);
    const parsed = CartLineForm.safeParse({ listing_id: c.req.query("listing_id"), qty: c.req.query("qty") ?? "1" });
    const title = clip(c.req.query("title") ?? "", 200);
    if (!parsed.success || parsed.data.qty < 1) {
      c.status(400);
      return renderCart(c, fetchApi, "Choose a quantity from 1 to 10.");
    }
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Add to cart">
        <section class="panel">
          <h1>Add to your cart?</h1>
          <p>
            {parsed.data.qty} × {title || "this item"}
          </p>
          <form method="post" action="/cart/items">
            <CsrfField token={c.var.csrfToken} />
            <input type="hidden" name="listing_id" value={parsed.data.listing_id} />
            <input type="hidden" name="qty" value={String(parsed.data.qty)} />
            <input type="hidden" name="mode" value="add" />
            <button type="submit" class="primary">
              Add to cart
            </button>
          </form>
        </section>
      </Layout>,
    );
  });

  app.post("/cart/items", async (c) => {
    const parsed = CartLineForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return renderCart(c, fetchApi, "Choose a quantity from 0 to 10.");
    }
    const { listing_id } = parsed.data;
    const { qty, capped } = await targetQty(c, fetchApi, parsed.data);
    const res = await callApi<Cart>(c, fetchApi, `/api/cart/items/${encodeURIComponent(listing_id)}`, { method: "PUT", body: { qty } });
    relayCookies(c, res.headers);
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderCart(c, fetchApi, problemMessage(res.problem));
    }
    return c.redirect(capped ? "/cart?capped=1" : "/cart", 303);
  });
}

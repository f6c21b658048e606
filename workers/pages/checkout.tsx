import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/context";
import { pincodeInState } from "../delivery/schemas";
import { AddressFields, AddressFormFields } from "./address-fields";
import { type ApiFetch, callApi, type Problem, answerProblem, problemMessage } from "./api";
import { personalPage } from "./cache";
import { YouSave, cartTotal, checkoutBlocker, lineChanges } from "./cart";
import { ProductThumb } from "./components";
import { checkoutLines, LINES_PARAM, PayForChoice } from "./checkout-lines";
import { admissionRefusedFor, CheckoutProblem } from "./checkout-problem";
import { DealHoldPanel, loadDealHolds } from "./deal-hold";
import { rememberPincode } from "./deliver-to";
import { firstErrorPerField } from "./field-error";
import { lineAmount, money } from "./format";
import { CsrfField, ErrorPanel, Layout } from "./layout";
import { LineArrival, loadLineArrivals } from "./line-arrivals";
import { NotIncludedNote } from "./not-included";
import { localPath } from "./local-path";
import { UnpaidOrder } from "./pay-window";
import { codUnavailableReason, PaymentChoice } from "./payment-choice";
import { ADDRESS_PARAM, addressFields, chosenAddress, DeliverToChoices, loadSavedAddresses } from "./saved-addresses";
import type { Cart } from "./types";

/** The checkout form: where to deliver, how to pay, and the key that makes a double submit harmless. */
export const CheckoutForm = pincodeInState(
  z.object({
    idempotency_key: z.string().min(16).max(64),
    ...AddressFormFields,
    payment_method: z.enum(["upi", "card", "netbanking", "cod"], { message: "Choose how to pay" }),
    admission_token: z.string().max(2000).optional(),
    // The total the page showed, which placing the order agrees to pay (see the API's expected_total).
    expected_total: z.coerce.number().int().min(0).optional().catch(undefined),
  }),
);

type CheckoutFields = Partial<Record<keyof z.infer<typeof CheckoutForm>, string>>;

const isFormField = (name: string): name is keyof CheckoutFields => name in CheckoutForm.shape;

/** What a refusal says of the form's fields (the API names the address's as `address.pincode`), to show beside each. */
function fieldErrors(problem: Problem): Record<string, string> {
  const issues = (problem.errors ?? []).map((e) => ({ path: [e.path.replace(/^address\./, "")], message: e.message }));
  return firstErrorPerField(issues, isFormField);
}

/** Where the shopper goes after a placed order: the provider's payment page, or the order itself. */
export function nextStep(body: { order_id: string; payment?: { redirect_url?: string | null } | null }): string {
  const url = body.payment?.redirect_url;
  // A provider's hosted page may live on its own site; a relative link must stay on this one.
  if (url && /^https?:\/\//.test(url)) return url;
  return localPath(url ?? "") ?? `/orders/${encodeURIComponent(body.order_id)}`;
}

/**
 * The submit button, in the words of the payment chosen: cash on delivery pays nothing now. Both
 * wordings ride along, so checkout.js can change them as the choice changes.
 */
function PlaceOrderButton(props: { total: number; cod: boolean }) {
  const pay = `Place order and pay ${money(props.total)}`;
  const cod = `Place order: pay ${money(props.total)} on delivery`;
  return (
    <button type="submit" class="primary" data-submit data-words-pay={pay} data-words-cod={cod}>
      {props.cod ? cod : pay}
    </button>
  );
}

async function renderCheckout(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  state: { values?: CheckoutFields; listingIds?: string[]; errors?: Record<string, string>; problem?: Problem } = {},
) {
  personalPage(c);
  // Side by side: on a sale day the shopper is paying against a hold's clock. The clocks need the
  // cart's deal lines, so they are read once the cart is, alongside the saved addresses.
  const token = state.values?.admission_token ?? c.req.query("admission_token");
  // A form shown again after a post pays for what it posted; a link names the lines in its query.
  const requested = state.listingIds ?? c.req.queries(LINES_PARAM) ?? [];
  const cartRead = callApi<Cart>(c, fetchApi, "/api/cart");
  const holdsRead = cartRead.then((r) => (r.ok ? loadDealHolds(c, fetchApi, checkoutLines(r.data, requested).shown, token) : []));
  // An empty cart may be one just ordered from another tab (or before Back): that order is named.
  const unpaidRead = cartRead.then((r) => (r.ok && r.data.items.length === 0 ? latestUnpaidOrder(c, fetchApi) : null));
  const [res, saved, holds, unpaid] = await Promise.all([cartRead, loadSavedAddresses(c, fetchApi), holdsRead, unpaidRead]);
  if (!res.ok) {
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Checkout">
        <ErrorPanel heading="Checkout" message={problemMessage(res.problem)} />
      </Layout>,
    );
  }
  const whole = res.data;
  // Only these lines are shown, totalled, estimated and posted: the rest of the cart stays for later.
  const lines = checkoutLines(whole, requested);
  const cart = lines.shown;
  // A form shown again keeps what the shopper submitted; a fresh one starts from a saved address.
  const chosen = state.values ? undefined : chosenAddress(saved, c.req.query(ADDRESS_PARAM));
  const values: CheckoutFields = {
    payment_method: "upi",
    admission_token: c.req.query("admission_token"),
    ...(chosen != null && saved[chosen] ? addressFields(saved[chosen]) : {}),
    ...state.values,
  };
  const errors = state.errors ?? {};
  const blocked = checkoutBlocker(cart.items);
  // Once the address has a PIN code, each line says when it arrives there.
  const arrivals = await loadLineArrivals(c, fetchApi, cart.items, values.pincode);
  const codReason = codUnavailableReason(cartTotal(cart), arrivals.values());
  // The choices reload this page, so they carry what it was opened with; a form shown again after a
  // post has only its fields, so the admission it still holds goes along.
  const query = new URL(c.req.url).searchParams;
  if (values.admission_token) query.set("admission_token", values.admission_token);
  else query.delete("admission_token");
  query.delete(LINES_PARAM);
  for (const id of lines.subset ?? []) query.append(LINES_PARAM, id);
  // checkout.js adds an admission this tab's waiting room stored for one of these, when none came with the page.
  const dealIds = [...new Set(cart.items.flatMap((l) => (l.deal_id ? [l.deal_id] : [])))];
  // An unpaid order named in place of the cart gives way to its time-up words once its time runs out.
  const scripts = ["checkout.js", "checkout-delivery.js", ...(cart.items.length === 0 && unpaid ? ["pay-deadline.js"] : [])];
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Checkout" scripts={scripts}>
      <h1>Checkout</h1>
      {/* "Your cart is empty" twice says nothing the panel below does not. */}
      {state.problem && !(cart.items.length === 0 && state.problem.status === 400) && (
        <CheckoutProblem problem={state.problem} cart={whole} />
      )}
      {/* Fields refused by the form itself: said at the top, where the page opens, and the first of them takes the focus. */}
      {!state.problem && Object.keys(errors).length > 0 && (
        <p class="panel error" role="alert" data-form-problem>
          Your order was not placed: correct the {Object.keys(errors).length === 1 ? "field" : `${Object.keys(errors).length} fields`}{" "}
          marked below.
        </p>
      )}
      {/* Only a cart with deal lines has holds: above the form, where the shopper looks first. */}
      {holds.map((notice) => (
        <DealHoldPanel notice={notice} />
      ))}
      <PayForChoice cart={whole} lines={lines} query={query} />
      {cart.items.length === 0 && unpaid ? (
        <UnpaidOrder order={unpaid} />
      ) : cart.items.length === 0 ? (
        <p class="panel">
          Your cart is empty. <a href="/">Keep shopping</a>.
        </p>
      ) : (
        <div class="checkout">
          {/* First, so a phone shows what is being paid for before the long address form. */}
          <aside class="summary" aria-label="Order summary">
            <h2>Order summary</h2>
            <ul>
              {cart.items.map((l) => (
                <li class="line-item">
                  <ProductThumb image={l.image} title={l.title ?? l.listing_id} small />
                  <div>
                    {l.deal_id && <span class="tag">Flash deal</span>} {l.qty} × {l.title ?? l.listing_id} — {lineAmount(l.price, l.qty)}
                    {l.seller_name && <p class="muted">Sold by {l.seller_name}</p>}
                    {lineChanges(l).map((n) => (
                      <p class="change">{n}</p>
                    ))}
                    {l.product_id ? (
                      // checkout-delivery.js rewrites it when the PIN code changes.
                      <div data-arrival data-product-id={l.product_id} data-listing-id={l.listing_id}>
                        <LineArrival answer={arrivals.get(l.listing_id)} />
                      </div>
                    ) : (
                      <LineArrival answer={arrivals.get(l.listing_id)} />
                    )}
                  </div>
                </li>
              ))}
            </ul>
            <p>
              Total <strong>{money(cartTotal(cart))}</strong>
            </p>
            <NotIncludedNote lines={cart.items} />
            <YouSave cart={cart} />
          </aside>
          <form
            method="post"
            action="/checkout"
            class="stack"
            data-checkout
            data-deal-ids={dealIds.length > 0 ? dealIds.join(" ") : undefined}
            novalidate
          >
            <CsrfField token={c.var.csrfToken} />
            <input type="hidden" name="idempotency_key" value={values.idempotency_key ?? crypto.randomUUID()} />
            <input type="hidden" name="expected_total" value={String(cartTotal(cart))} />
            {values.admission_token && <input type="hidden" name="admission_token" value={values.admission_token} />}
            {lines.subset?.map((id) => (
              <input type="hidden" name={LINES_PARAM} value={id} />
            ))}
            <fieldset>
              <legend>Delivery address</legend>
              {saved.length > 0 && <DeliverToChoices saved={saved} chosen={chosen} query={query} />}
              <AddressFields values={values} errors={errors} />
              {/* Where checkout-delivery.js says a PIN code typed in cannot be delivered to. */}
              <p id="pincode-problem" class="field-error" role="status" data-pincode-problem hidden />
            </fieldset>
            <PaymentChoice total={cartTotal(cart)} chosen={values.payment_method} codReason={codReason} error={errors.payment_method} />
            {blocked ? (
              // Checkout would refuse these lines as they are: the way to change them, not a button that fails.
              <p class="panel error" role="alert" data-checkout-blocked>
                {blocked} <a href="/cart">Change them in your cart</a>.
              </p>
            ) : (
              <PlaceOrderButton total={cartTotal(cart)} cod={values.payment_method === "cod" && codReason === null} />
            )}
          </form>
        </div>
      )}
    </Layout>,
  );
}

/** Registers checkout: the address and payment form, which places the order and hands over to the payment page. */
export function registerCheckoutPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/checkout", async (c) => {
    if (!c.var.user)
      return c.redirect(`/signin?why=checkout&next=${encodeURIComponent(c.req.url.slice(new URL(c.req.url).origin.length))}`, 303);
    return renderCheckout(c, fetchApi);
  });

  app.post("/checkout", async (c) => {
    // Signed out meanwhile (in another tab, say): nothing was placed, and the sign-in page says so.
    if (!c.var.user) return c.redirect("/signin?why=signed_out&next=/checkout", 303);
    // Every value kept, as the lines to pay for come one field each.
    const form = await c.req.parseBody({ all: true });
    const listingIds = [form[LINES_PARAM] ?? []].flat().filter((v): v is string => typeof v === "string");
    const values = Object.fromEntries(
      Object.entries(form).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== LINES_PARAM),
    ) as CheckoutFields;
    const parsed = CheckoutForm.safeParse(values);
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
      c.status(400);
      return renderCheckout(c, fetchApi, { values, listingIds, errors });
    }
    const { idempotency_key, payment_method, admission_token, expected_total, ...address } = parsed.data;
    const res = await callApi<{ order_id: string; status: string; payment?: { redirect_url?: string | null } | null }>(
      c,
      fetchApi,
      "/api/checkout",
      {
        method: "POST",
        headers: { "idempotency-key": idempotency_key },
        body: {
          address,
          payment_method,
          ...(admission_token ? { admission_token } : {}),
          ...(listingIds.length > 0 ? { listing_ids: listingIds } : {}),
          ...(expected_total !== undefined ? { expected_total } : {}),
        },
      },
    );
    if (!res.ok) {
      answerProblem(c, res.problem);
      // A refused order (sold out, price changed) spends its key: the next submit is a new request.
      // Busy answers keep it, so a retry replays the first attempt instead of placing a second order.
      const retryable = res.problem.status === 429 || res.problem.status >= 500 || res.problem.type === "/problems/idempotency-in-flight";
      const idempotency_key = retryable ? parsed.data.idempotency_key : crypto.randomUUID();
      // An admission checkout refused is sent no more: the shopper gets a new one from the waiting room.
      const kept = admissionRefusedFor(res.problem) ? { ...values, admission_token: "" } : values;
      return renderCheckout(c, fetchApi, {
        values: { ...kept, idempotency_key },
        listingIds,
        problem: res.problem,
        errors: fieldErrors(res.problem),
      });
    }
    // Where they are having things delivered now is what product pages should answer for next.
    rememberPincode(c, address.pincode);
    return c.redirect(nextStep(res.data), 303);
  });
}

/** How long after it was placed an unpaid order is named where its cart was: about its payment window. */
const UNPAID_NAMED_MS = 30 * 60_000;

/** The shopper's newest order when it was placed moments ago and waits for its payment; else null. */
async function latestUnpaidOrder(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
): Promise<{ id: string; created_at: string; payment_url: string } | null> {
  const res = await callApi<{ items: Array<{ id: string; created_at: string; payment_url?: string | null }> }>(
    c,
    fetchApi,
    "/api/orders?limit=1",
  );
  const newest = res.ok ? res.data.items[0] : undefined;
  if (!newest?.payment_url || Date.now() - Date.parse(newest.created_at) > UNPAID_NAMED_MS) return null;
  return { id: newest.id, created_at: newest.created_at, payment_url: newest.payment_url };
}

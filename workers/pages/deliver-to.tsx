import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { DeliveryAnswer } from "../delivery/schemas";
import { deliveryDateLabel } from "../delivery/estimate";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi, problemMessage } from "./api";
import { loadSavedAddresses } from "./saved-addresses";

/** The query parameter the "Deliver to" form sends its PIN code in. */
export const PINCODE_PARAM = "pincode";

/**
 * The cookie remembering the PIN code a shopper last asked about, so the next product page shows
 * its estimate at once. A place, not a person: delivery.js reads it and answers on the shared
 * page, which the server draws the same for everyone (the herd's product pages stay one cached
 * copy), and sets it too. Signing in fills it from the latest order and ordering moves it to the
 * order's address, but it is never tied to the account: signing out leaves it, as delivery.js has
 * always left the saved address's PIN code it remembered.
 */
export const PINCODE_COOKIE = "__Host-pincode";
const PINCODE_COOKIE_SECONDS = 90 * 24 * 60 * 60;

/** Remembers `pincode` for this browser's next product pages; every server-side setter goes through here. */
export function rememberPincode(c: Context<AppEnv>, pincode: string): void {
  setCookie(c, PINCODE_COOKIE, pincode, { path: "/", secure: true, sameSite: "Lax", maxAge: PINCODE_COOKIE_SECONDS });
}

/**
 * At sign-in, a browser that remembers no PIN code starts from where the shopper last had an order
 * delivered, so product pages answer for it at once, on a new device too. One the browser already
 * remembers is what this shopper last asked about there, so it is kept and nothing is read.
 * It is the latest of the saved addresses, so one the shopper removed (a flat they moved out of)
 * is not where a new device estimates delivery to.
 * `token` is the new session's: the request's own cookies still belong to the signed-out visitor.
 */
export async function rememberLatestPincode(c: Context<AppEnv>, fetchApi: ApiFetch, token: string): Promise<void> {
  if (getCookie(c, PINCODE_COOKIE) !== undefined) return;
  const [latest] = await loadSavedAddresses(c, fetchApi, { authorization: `Bearer ${token}` });
  if (latest) rememberPincode(c, latest.pincode);
}

/** What the box shows: the PIN code asked about, and the answer or why there is none. */
export interface DeliveryState {
  pincode: string;
  answer?: DeliveryAnswer;
  error?: string;
}

/**
 * The PIN code the form sent without scripts, if any. A page drawn with one shows that shopper's
 * place and is personal; see `asksForPersonalCopy`'s caller in cache.ts.
 */
export function askedPincode(c: Context<AppEnv>): string | null {
  return c.req.query(PINCODE_PARAM)?.trim() ?? null;
}

/**
 * The estimate for the PIN code this request asks about, through the delivery API; null when it
 * asks about none. A PIN code the form sent is remembered once the API has accepted it.
 */
export async function loadDelivery(c: Context<AppEnv>, fetchApi: ApiFetch, productId: string): Promise<DeliveryState | null> {
  const pincode = askedPincode(c);
  if (pincode === null) return null;
  const query = new URLSearchParams({ [PINCODE_PARAM]: pincode });
  const res = await callApi<DeliveryAnswer>(c, fetchApi, `/api/products/${encodeURIComponent(productId)}/delivery?${query}`, {
    as: "anonymous",
  });
  if (!res.ok) {
    const field = res.problem.errors?.find((e) => e.path === PINCODE_PARAM);
    return { pincode, error: field?.message ?? problemMessage(res.problem) };
  }
  rememberPincode(c, pincode);
  return { pincode, answer: res.data };
}

/** The answer in words, as delivery.js also writes it. */
export function DeliveryAnswerText(props: { state: DeliveryState }) {
  const { answer, error, pincode } = props.state;
  if (error) return <p class="field-error">{error}</p>;
  if (!answer) return null;
  if (!answer.deliverable || !answer.by) return <p>Out of stock: it cannot be delivered to {pincode} right now.</p>;
  return (
    <>
      <p>
        <strong>Delivery by {deliveryDateLabel(answer.by)}</strong> to {pincode}
      </p>
      <p class="muted">
        Ships from {answer.from_city} · {answer.cod_available ? "Cash on delivery available" : "Cash on delivery not available"}
      </p>
    </>
  );
}

/**
 * "Deliver to": a PIN code field and a Check button. Without scripts the form reloads the page
 * with `?pincode=`, which is drawn with the answer; delivery.js answers in place.
 */
export function DeliverTo(props: { productId: string; state: DeliveryState | null }) {
  const { state } = props;
  return (
    <section class="deliver-to-box" aria-labelledby="deliver-to-h" data-delivery>
      <h2 id="deliver-to-h">Deliver to</h2>
      <form
        method="get"
        action={`/products/${encodeURIComponent(props.productId)}`}
        class="pincode-check"
        data-product-id={props.productId}
      >
        <label for="deliver-pincode">PIN code</label>
        <input
          id="deliver-pincode"
          class="pincode-input"
          name={PINCODE_PARAM}
          value={state?.pincode ?? ""}
          inputmode="numeric"
          autocomplete="postal-code"
          maxlength={6}
          aria-describedby="delivery-answer"
          aria-invalid={state?.error ? "true" : undefined}
        />
        <button type="submit">Check</button>
      </form>
      <div id="delivery-answer" role="status" aria-live="polite" data-delivery-answer>
        {state && <DeliveryAnswerText state={state} />}
      </div>
    </section>
  );
}

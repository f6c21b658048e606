// When an order page asks for news of its order, and what it tells the shopper when it cannot
// get any. Apart from order-live.js so the rules can be tested; a test holds the status lists to
// the order state machine.
import { retryAfterMs } from "./api.js";

(() => {
  // No way out of these: the page stops asking.
  const FINAL = new Set(["payment_failed", "return_received"]);
  // The checkout moves these on by itself, within seconds of the payment.
  const QUICK = new Set(["created", "payment_authorized"]);
  // The order is with its shopper, or only a refund, a decision on a return or the returned goods'
  // arrival is left: rare, and days apart if at all.
  const SETTLED = new Set(["delivered", "return_requested", "cancelled", "refunded"]);
  const QUICK_MS = 3_000;
  // Packing, shipping and delivery wait on people, who take minutes at the least; a shopper
  // watching still sees each step soon after it is made.
  const PEOPLE_MS = 15_000;
  const SETTLED_MS = 600_000;
  const FAILING_MAX_MS = 60_000;

  /**
   * Milliseconds until the next poll of an order in `status` that the last `unchanged` polls
   * found the same; null once it can no longer change. A quick status that stays put (a shopper
   * still on the payment page) is asked about less and less often.
   */
  const pollDelay = (status, unchanged = 0) => {
    if (FINAL.has(status)) return null;
    if (SETTLED.has(status)) return SETTLED_MS;
    if (QUICK.has(status)) return Math.min(QUICK_MS * 2 ** unchanged, PEOPLE_MS);
    return PEOPLE_MS;
  };

  /**
   * What a failed poll means for the shopper: words for the page, whether to offer signing in, and
   * milliseconds until the next try (null: stop, as asking again cannot help). `failures` counts the
   * failed polls before this one.
   */
  const afterFailure = (status, retryAfter, failures = 0, now = Date.now()) => {
    if (status === 401) return { text: "You are signed out, so this page has stopped updating.", signIn: true, retryMs: null };
    if (status === 403 || status === 404)
      return { text: "This order is not available to this account, so this page has stopped updating.", retryMs: null };
    const backoff = Math.min(QUICK_MS * 2 ** (failures + 1), FAILING_MAX_MS);
    const retryMs = status === 429 || status === 503 ? (retryAfterMs(retryAfter, now) ?? backoff) : backoff;
    const again = `Trying again in ${Math.max(1, Math.ceil(retryMs / 1000))} seconds.`;
    if (status === 429) return { text: `Updates are paused because this page asked too often. ${again}`, retryMs };
    if (status === 503) return { text: `We are very busy, so updates are paused. ${again}`, retryMs };
    if (status === 0) return { text: `You seem to be offline, so updates are paused. ${again}`, retryMs };
    return { text: `Updates are not coming through. ${again}`, retryMs };
  };

  /** Whether a panel meant for the space-separated `statuses` shows while the order is in `status`. */
  const showsFor = (statuses, status) => String(statuses).split(/\s+/).includes(status);

  globalThis.bazaarOrderPoll = { FINAL, pollDelay, afterFailure, showsFor };
})();

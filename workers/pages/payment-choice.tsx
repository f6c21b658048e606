import { COD_LIMIT_WORDS, codWithinLimit } from "../delivery/cash-on-delivery";
import type { DeliveryAnswer } from "../delivery/schemas";
import { FieldError } from "./field-error";
import { PAYMENT_METHODS } from "./format";

/**
 * Why checkout does not offer cash on delivery for a cart of `total` paise whose lines arrive as
 * `arrivals` say, in the shopper's words; null when it does. checkout-delivery.js says the same
 * when the PIN code changes.
 */
export function codUnavailableReason(total: number, arrivals: Iterable<DeliveryAnswer>): string | null {
  if (!codWithinLimit(total)) return COD_LIMIT_WORDS;
  for (const a of arrivals) if (!a.cod_available) return `Cash on delivery is not available to ${a.pincode} for everything in your cart`;
  return null;
}

/**
 * How to pay, with cash on delivery shown but not offered, and why, when `codReason` says so. A
 * method the page does not offer is never the chosen one, so the shopper picks again.
 */
export function PaymentChoice(props: { total: number; chosen: string | undefined; codReason: string | null; error?: string }) {
  const { codReason, error } = props;
  // A refusal beside the choice already says it.
  const note = codReason && !error?.startsWith(codReason) ? codReason : "";
  return (
    <fieldset data-cod-limit={codWithinLimit(props.total) ? undefined : COD_LIMIT_WORDS}>
      <legend>Payment method</legend>
      {PAYMENT_METHODS.map(([value, label]) => {
        const isCod = value === "cod";
        const off = isCod && codReason !== null;
        return (
          <label class="check">
            <input
              type="radio"
              name="payment_method"
              value={value}
              checked={!off && props.chosen === value}
              disabled={off}
              data-cod={isCod ? "" : undefined}
              aria-describedby={isCod ? "cod-note" : undefined}
            />{" "}
            {label}
          </label>
        );
      })}
      <p id="cod-note" class="muted" data-cod-note hidden={!note}>
        {note}
      </p>
      <FieldError field="payment_method" message={error} />
    </fieldset>
  );
}

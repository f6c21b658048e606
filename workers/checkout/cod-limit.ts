import { COD_LIMIT_WORDS, codWithinLimit } from "../delivery/cash-on-delivery";
import type { PaymentMethod } from "../payments/provider";
import { AppError } from "../platform/errors";

/**
 * Refuses cash on delivery for an order of `totalPaise` (what the shopper pays) at or above the
 * limit the delivery estimates state, naming `payment_method` so a form can show it beside the choice.
 */
export function assertCodWithinLimit(method: PaymentMethod, totalPaise: number): void {
  if (method !== "cod" || codWithinLimit(totalPaise)) return;
  const message = `${COD_LIMIT_WORDS}.`;
  throw new AppError("cod_unavailable", `${message} Choose another way to pay, or place a smaller order.`, {
    errors: [{ path: "payment_method", message }],
  });
}

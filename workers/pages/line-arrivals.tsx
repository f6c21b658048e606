import type { Context } from "hono";
import { deliveryDateLabel } from "../delivery/estimate";
import { pincodeProblem } from "../delivery/pincode";
import type { DeliveryAnswer } from "../delivery/schemas";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi } from "./api";
import type { CartLine } from "./types";

/**
 * When each line of a cart would arrive at `pincode`, by listing id, through the delivery API;
 * empty while the PIN code is not one we deliver to. A line the API could not answer for is left
 * out: the estimate only informs, and checkout goes on without it.
 */
export async function loadLineArrivals(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  lines: readonly CartLine[],
  pincode: string | undefined,
): Promise<Map<string, DeliveryAnswer>> {
  const pin = pincode?.trim() ?? "";
  if (pincodeProblem(pin)) return new Map();
  const answers = await Promise.all(
    lines.map(async (line) => {
      if (!line.product_id) return null;
      const query = new URLSearchParams({ pincode: pin, listing_id: line.listing_id });
      const res = await callApi<DeliveryAnswer>(c, fetchApi, `/api/products/${encodeURIComponent(line.product_id)}/delivery?${query}`, {
        as: "anonymous",
      });
      return res.ok ? ([line.listing_id, res.data] as const) : null;
    }),
  );
  return new Map(answers.filter((a) => a !== null));
}

/** A cart line's "Arrives by …", or that no warehouse has it to send. */
export function LineArrival(props: { answer: DeliveryAnswer | undefined }) {
  const { answer } = props;
  if (!answer) return null;
  if (!answer.deliverable || !answer.by) return <p class="change">No warehouse has this to send to {answer.pincode} right now.</p>;
  return (
    <p class="muted">
      Arrives by {deliveryDateLabel(answer.by)} (from {answer.from_city})
    </p>
  );
}

/** A deal line over its limit per shopper: what the limit is, what the shopper's orders have of it, and what is left. */
export interface DealLimitState {
  /** Units the shopper may still buy under the deal's limit (0 once their orders hold all of it). */
  left: number;
  /** The deal's limit per shopper; the line's `left` stands in where a caller does not know it. */
  perShopper: number | null | undefined;
  /** Units of the deal the shopper's orders (not cancelled or failed) already hold. */
  ordered: number | null | undefined;
}

/**
 * Why a deal line is over its limit, and what to do about it, in one sentence. The cart, checkout's
 * refusal and checkout's page each say it of their own subject ("This deal", "A deal in your cart",
 * an item's title), but alike: when `goal` is given, what to change to reach it (lower the quantity,
 * or remove the line when the shopper's orders already hold the whole limit); without one, how many
 * more can be bought.
 */
export function dealLimitWords(subject: string, limit: DealLimitState, goal: string | null): string {
  const perShopper = limit.perShopper ?? limit.left;
  const allows = `${subject} allows ${perShopper} per shopper`;
  if (!limit.ordered) return goal ? `${allows}: lower the quantity to ${goal}.` : `${allows}.`;
  const had = `${allows}, and your orders have ${limit.ordered} of it`;
  if (limit.left > 0)
    return goal ? `${had}: lower the quantity to ${limit.left} to ${goal}.` : `${had}, so ${limit.left} more can be bought.`;
  return goal ? `${had} already: remove it to ${goal}.` : `${had} already.`;
}

import type { ReserveRefusal } from "./gate-types";

/**
 * Why a deal's unit could not be held, as a problem's `detail` says it to a client. Pages word
 * these for shoppers themselves (pages/hold-refusal.ts); this is the API's own sentence, so a
 * client that shows `detail` shows words rather than a code.
 */
const DETAIL: Record<ReserveRefusal | "expired", string> = {
  per_user_limit: "You already hold or have bought as many units of this deal as one shopper may buy.",
  paused: "The deal is paused for a moment; try again in a few seconds.",
  not_live: "The deal is not open right now.",
  ended: "The deal has ended.",
  all_held: "Every unit is held by shoppers checking out; try again shortly.",
  sold_out: "This deal is sold out.",
  expired: "Your turn to buy this deal ran out; join the waiting room again.",
};

/**
 * The sentence for a refused hold of `qty` units. Several units over the limit may be refused with
 * nothing held yet, so that refusal counts what was asked for too.
 */
export function refusalDetail(reason: ReserveRefusal | "expired", qty = 1): string {
  if (reason === "per_user_limit" && qty > 1)
    return `${qty} units is more than one shopper may buy of this deal, counting any you already hold or bought; ask for fewer.`;
  return DETAIL[reason];
}

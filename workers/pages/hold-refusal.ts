/**
 * Why a flash deal's unit could not be held for a shopper, as the hold and checkout APIs name it
 * in a refusal's `reason`. public/static/waiting-room.js words the same reasons the same way.
 */
export type HoldRefusal = "per_user_limit" | "paused" | "ended" | "not_live" | "all_held" | "sold_out" | "expired";

const SENTENCES: Record<HoldRefusal, string> = {
  per_user_limit: "You already have as many of this deal as one shopper may buy, in a checkout or an order.",
  paused: "The deal is paused for a moment. You keep your turn: try again in a few seconds.",
  ended: "This deal has ended.",
  not_live: "The deal is not open right now. You keep your turn: try again in a few seconds.",
  all_held: "Every unit is held by shoppers checking out. Units may come back if they do not buy: try again in a few seconds.",
  sold_out: "Sold out. Every unit of this deal has been claimed. Sorry!",
  expired: "Your turn to buy this deal ran out. Join the waiting room again for a new place in line.",
};

/** True for a reason the API can give for a refused hold. */
export function isHoldRefusal(reason: unknown): reason is HoldRefusal {
  return typeof reason === "string" && Object.hasOwn(SENTENCES, reason);
}

/** A sentence a shopper can act on for a refused hold; null for a reason this page does not know. */
export function holdRefusalMessage(reason: unknown): string | null {
  return isHoldRefusal(reason) ? SENTENCES[reason] : null;
}

/** Refusals that pass while the shopper keeps their turn, so asking again with the same admission can work. */
export function isPassingRefusal(reason: unknown): reason is "all_held" | "paused" | "not_live" {
  return reason === "all_held" || reason === "paused" || reason === "not_live";
}

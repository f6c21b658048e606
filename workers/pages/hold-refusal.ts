/**
 * Why a flash deal's unit could not be held for a shopper, as the hold and checkout APIs name it
 * in a refusal's `reason`. The one place these reasons are put in words: the deal page hands its
 * script the sentences it shows (`scriptRefusals`).
 */
import type { ReserveRefusal } from "../deals/gate-types";
import { DEAL_ENDED } from "./components";

// The gate's own reasons, so a new one cannot reach a page without a sentence here (nor the API
// without one in deals/refusal-words.ts), plus a turn that ran out.
export type HoldRefusal = ReserveRefusal | "expired";

type PassingRefusal = "all_held" | "paused" | "not_live";

const SENTENCES: Record<HoldRefusal, string> = {
  // A browser signed in to an account counts against it after signing out too, so the sentence
  // names both for a shopper refused while signed out.
  per_user_limit:
    "You already have as many of this deal as one shopper may buy, in a checkout or an order, on your account or in this browser.",
  paused: "The deal is paused for a moment. You keep your turn: try again in a few seconds.",
  ended: DEAL_ENDED,
  not_live: "The deal is not open right now. You keep your turn: try again in a few seconds.",
  all_held: "Every unit is held by shoppers checking out. Units may come back if they do not buy: try again in a few seconds.",
  sold_out: "Sold out. Every unit of this deal has been claimed. Sorry!",
  expired: "Your turn to buy this deal ran out. Join the waiting room again for a new place in line.",
};

// The deal page's script asks again by itself, so there a passing refusal asks the shopper to
// wait rather than to try again.
const WHILE_ASKING_AGAIN: Record<PassingRefusal, string> = {
  paused: "The deal is paused for a moment. Keep this page open to keep your place.",
  not_live: "The deal is not open right now. Keep this page open and we will try again.",
  all_held:
    "Every unit is held by shoppers checking out. Units may come back if they do not buy; keep this page open and we will try again.",
};

/**
 * For the waiting page without its script, which refreshes itself: a shopper in line while every
 * unit is held is told why nobody is let in and that the page keeps asking.
 */
export const ALL_HELD_WHILE_REFRESHING =
  "Every unit is held by shoppers checking out. Units may come back if they do not buy: this page refreshes itself, and we let you in when one does.";

/** True for a reason the API can give for a refused hold. */
export function isHoldRefusal(reason: unknown): reason is HoldRefusal {
  return typeof reason === "string" && Object.hasOwn(SENTENCES, reason);
}

/** A sentence a shopper can act on for a refused hold; null for a reason this page does not know. */
export function holdRefusalMessage(reason: HoldRefusal): string;
export function holdRefusalMessage(reason: unknown): string | null;
export function holdRefusalMessage(reason: unknown): string | null {
  return isHoldRefusal(reason) ? SENTENCES[reason] : null;
}

/** Every refusal in the words of a page whose script asks again by itself, as the deal page gives them to waiting-room.js. */
export function scriptRefusals(): Record<HoldRefusal, string> {
  return { ...SENTENCES, ...WHILE_ASKING_AGAIN };
}

/** Refusals that pass while the shopper keeps their turn, so asking again with the same admission can work. */
export function isPassingRefusal(reason: unknown): reason is PassingRefusal {
  return reason === "all_held" || reason === "paused" || reason === "not_live";
}

/**
 * What a signed-in shopper who already bought a deal's limit per shopper is told on its page, in
 * place of the way into the waiting room, which could only end in the refusal above.
 */
export function boughtLimitMessage(limit: number): string {
  return `You have already bought this deal's limit of ${limit.toLocaleString("en-IN")} per shopper, so there is no need to join the waiting room. You will find your order in your orders.`;
}

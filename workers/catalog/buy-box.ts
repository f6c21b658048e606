import type { Offer } from "./product-view";

/**
 * The offer the product page's main button buys: the best active offer with stock, by lowest
 * price, then the better-rated seller, then listing id, the rule the product summary's SQL
 * applies. Chosen from the offers' live stock when the page is built, not from the stored
 * summary, so a rebuilt page never points shoppers at a seller whose units are gone while
 * another still has some. With no offer in stock, the cheapest is shown as sold out.
 */
export function chooseBuyBox(offers: readonly Offer[]): Offer | null {
  let best: Offer | null = null;
  for (const o of offers) if (!best || better(o, best)) best = o;
  return best;
}

function better(a: Offer, b: Offer): boolean {
  const aStocked = a.availability !== "sold_out";
  const bStocked = b.availability !== "sold_out";
  if (aStocked !== bStocked) return aStocked;
  if (a.price !== b.price) return a.price < b.price;
  if (a.seller.rating !== b.seller.rating) return a.seller.rating > b.seller.rating;
  // Byte order, as SQLite compares the ids.
  return a.listing_id < b.listing_id;
}

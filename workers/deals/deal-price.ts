/**
 * The unit price a shopper is quoted and charged for a listing: its live deal's price, but never
 * more than the listing's own price. A deal's price is checked against the listing's only when the
 * deal is made; the seller may lower the listing's price below it afterwards, and a deal must
 * never make something dearer than it is without one.
 */
export function shopperPrice(listingPrice: number, dealPrice: number | null): number {
  return dealPrice === null ? listingPrice : Math.min(dealPrice, listingPrice);
}

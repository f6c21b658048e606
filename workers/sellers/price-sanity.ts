import { money } from "../pages/format";

/**
 * How far a listing's own price may sit below its MRP. A sale price under a tenth of the MRP is
 * almost always a typo that dropped a digit (₹1,999 typed as ₹199), or an MRP with one too many:
 * either puts a product on sale for next to nothing, or shows shoppers a discount that is not one.
 * Deeper prices are what flash deals are for, which a deal manager sets apart from the listing.
 */
export const LEAST_PRICE_PER_MRP = 10;

/** Whether `price` is further below `mrp` than a listing may go. */
export function tooFarBelowMrp(price: number, mrp: number): boolean {
  return price * LEAST_PRICE_PER_MRP < mrp;
}

/** What to tell the seller of a price too far below its MRP, on the field they changed. */
export function tooFarBelowMrpMessage(field: "price" | "mrp", price: number, mrp: number): string {
  return field === "price"
    ? `${money(price)} is less than a tenth of the MRP (${money(mrp)}): check for a missing digit.`
    : `An MRP of ${money(mrp)} is more than ten times your price (${money(price)}): check for an extra digit.`;
}

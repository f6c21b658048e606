import { money } from "../pages/format";
import type { SellerBuyBox } from "./schemas";

/**
 * Whether a seller's listing is the offer shoppers see first on its product page (the buy box,
 * whose "Add to cart" button sells far more than the offers listed below it), and what price it
 * takes to be shown first, in words a seller acts on.
 *
 * Read from the product's summary columns, which every listing change and every stock movement
 * that can move the buy box recompute in its own batch (workers/catalog/summary.ts), so the answer
 * is as current as the listing's own figures beside it.
 */

/** What the status is weighed from: the listing as it stands and its product's summary. */
export interface BuyBoxFacts {
  listingId: string;
  active: boolean;
  /** Units for sale over every warehouse. */
  available: number;
  price: number;
  /** The summary's buy-box listing, null when the product has no active offer. */
  buyBoxListingId: string | null;
  /** The buy-box listing's price. */
  buyBoxPrice: number | null;
  /** Units for sale over every active offer of the product. */
  productStock: number;
}

const TIE_RULE = "at the same price, the better-rated seller is";

/** The buy-box status of one listing. */
export function buyBoxStatus(f: BuyBoxFacts): SellerBuyBox {
  // The buy box prefers an offer with stock, so when the product has stock anywhere the chosen
  // offer has some: only then is another seller's offer one that shoppers can actually buy first.
  const rival = f.buyBoxListingId !== null && f.buyBoxListingId !== f.listingId && f.buyBoxPrice !== null && f.productStock > 0;
  const rivalPrice = rival ? (f.buyBoxPrice as number) : undefined;
  const shownFirst = rivalPrice !== undefined ? ` Another seller's offer at ${money(rivalPrice)} is shown first.` : "";

  if (!f.active) {
    return {
      status: "inactive",
      ...(rivalPrice !== undefined && { price: rivalPrice }),
      note: `Inactive: shoppers never see this listing, whatever its price.${shownFirst} Make it active to be weighed against other offers.`,
    };
  }
  if (f.available <= 0) {
    return {
      status: "out_of_stock",
      ...(rivalPrice !== undefined && { price: rivalPrice }),
      note:
        rivalPrice !== undefined
          ? `Out of stock: an offer with no units for sale is never shown first while another seller has some, whatever its price.${shownFirst} Add stock to compete.`
          : "Out of stock, as is every other offer of this product, so shoppers see it sold out. An offer with stock is always shown before one without: add stock to be shown first.",
    };
  }
  if (rivalPrice === undefined) {
    return { status: "yours", note: "Your offer is shown first: the product page's Add to cart button buys from you." };
  }
  const price = money(rivalPrice);
  let note: string;
  if (f.price === rivalPrice) {
    note = `Another seller's offer at the same price, ${price}, is shown first: ${TIE_RULE} shown first. Price below ${price} to be shown first.`;
  } else if (f.price > rivalPrice) {
    note = `Another seller's offer at ${price} is shown first. Price below ${price} to be shown first (${TIE_RULE}).`;
  } else {
    // Not reachable while the summary is kept in the listing's own batch; said plainly rather than
    // advising a higher price.
    note = `Another seller's offer at ${price} is shown first.`;
  }
  return { status: "other_seller", price: rivalPrice, note };
}

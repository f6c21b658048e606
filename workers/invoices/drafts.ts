import { AppError } from "../platform/errors";
import { type GstRule, RESIDUARY_RULE, gstRateFor } from "./gst-rate";
import { isValidGstin } from "./gstin";
import { isIntraState, placeOfSupply } from "./place-of-supply";
import { type LineTax, splitTax } from "./tax-split";

/** One order line as invoicing reads it, with its seller's tax facts and its category's GST. */
export interface SoldLine {
  listingId: string;
  sellerId: string;
  title: string;
  qty: number;
  /** Paise per piece, GST included. */
  unitPrice: number;
  sellerName: string | null;
  sellerGstin: string | null;
  /** Null when neither the product's category nor any ancestor has a rate (or the product is gone). */
  rule: GstRule | null;
  /** The HSN code of the product's category; null when it has none (or the product is gone). */
  hsn: string | null;
}

/** An invoice line before it has a number: what was sold, at which rate, and the tax in it. */
export interface InvoiceLineDraft extends LineTax {
  listingId: string;
  title: string;
  hsn: string | null;
  qty: number;
  unitPrice: number;
  rate: number;
}

/** One seller's invoice for an order, all but its number and date. */
export interface InvoiceDraft {
  sellerId: string;
  sellerName: string;
  sellerGstin: string;
  placeOfSupply: string;
  lines: InvoiceLineDraft[];
}

/**
 * The invoices an order's lines make: one per seller, each line taxed at its category's rate for
 * its price and split by whether the seller is registered in the state the goods go to. Refuses
 * (409) when a seller has no valid GSTIN, as no tax invoice can be issued for its goods.
 */
export function draftInvoices(lines: readonly SoldLine[], deliveryState: string): InvoiceDraft[] {
  const place = placeOfSupply(deliveryState);
  const bySeller = new Map<string, InvoiceDraft>();
  for (const line of lines) {
    let draft = bySeller.get(line.sellerId);
    if (!draft) {
      const gstin = line.sellerGstin;
      if (!gstin || !isValidGstin(gstin)) {
        throw new AppError(
          "conflict",
          `Seller ${line.sellerName ?? line.sellerId} has no valid GSTIN on file, so its tax invoice cannot be issued.`,
          {
            extensions: { seller_id: line.sellerId },
          },
        );
      }
      draft = {
        sellerId: line.sellerId,
        sellerName: line.sellerName ?? line.sellerId,
        sellerGstin: gstin,
        placeOfSupply: place,
        lines: [],
      };
      bySeller.set(line.sellerId, draft);
    }
    const rate = gstRateFor(line.rule ?? RESIDUARY_RULE, line.unitPrice);
    const tax = splitTax(line.unitPrice * line.qty, rate, isIntraState(draft.sellerGstin, place));
    const { listingId, title, hsn, qty, unitPrice } = line;
    draft.lines.push({ listingId, title, hsn, qty, unitPrice, rate, ...tax });
  }
  return [...bySeller.values()];
}

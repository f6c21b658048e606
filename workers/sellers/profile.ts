import { gstinState } from "../invoices/gst-states";
import { isValidGstin } from "../invoices/gstin";
import type { SellerProfile } from "./profile-schemas";

interface SellerRow {
  id: string;
  name: string;
  city: string;
  gstin: string | null;
  createdAt: string;
}

/** Why a seller's tax invoices cannot be issued, or null when they can: what drafting an invoice checks. */
export function invoiceBlocker(gstin: string | null): SellerProfile["invoice_blocker"] {
  if (!gstin) {
    return {
      reason: "no_gstin",
      message: "No GSTIN is on file, so no tax invoice can be issued for your sales and orders with your items can't ship. Add your GSTIN.",
    };
  }
  if (!isValidGstin(gstin)) {
    return {
      reason: "invalid_gstin",
      message:
        "The GSTIN on file is not valid, so no tax invoice can be issued for your sales and orders with your items can't ship. Correct it.",
    };
  }
  return null;
}

/** A seller's row as the seller's profile shows it. */
export function sellerProfileOf(row: SellerRow): SellerProfile {
  const blocker = invoiceBlocker(row.gstin);
  return {
    id: row.id,
    business_name: row.name,
    city: row.city,
    gstin: row.gstin,
    gst_state: row.gstin && !blocker ? gstinState(row.gstin) : null,
    can_invoice: blocker === null,
    invoice_blocker: blocker,
    created_at: row.createdAt,
  };
}

/** The seller's business profile, or null for a seller id with no seller behind it. */
export async function readSellerProfile(d1: D1Database, sellerId: string): Promise<SellerProfile | null> {
  const row = await d1
    .prepare("SELECT id, name, city, gstin, created_at AS createdAt FROM sellers WHERE id = ?")
    .bind(sellerId)
    .first<SellerRow>();
  return row ? sellerProfileOf(row) : null;
}

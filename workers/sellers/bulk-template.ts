import { rupeesCell, toCsv } from "./bulk-csv";
import { BULK_COLUMNS, STOCK_VERSION_COLUMN } from "./bulk-schemas";
import { listOwnListings } from "./listings";

/** Listings read per query while writing a template. */
const PAGE = 100;

/**
 * The seller's own listings as a bulk update CSV with their current values: one row per warehouse
 * a listing has stock in (one row with the stock columns empty for a listing with none), and the
 * product's title last, which an upload ignores. Sent back unedited, it changes nothing.
 */
export async function bulkTemplate(d1: D1Database, sellerId: string): Promise<string> {
  const records: string[][] = [[...BULK_COLUMNS, STOCK_VERSION_COLUMN, "product_title"]];
  let cursor: string | undefined;
  do {
    const page = await listOwnListings(d1, sellerId, { limit: PAGE, cursor });
    for (const l of page.items) {
      const listing = [l.id, rupeesCell(l.price), rupeesCell(l.mrp), String(l.active)];
      if (l.stock.length === 0) records.push([...listing, "", "", "", l.product_title]);
      for (const s of l.stock) records.push([...listing, s.warehouse_id, String(s.available), String(s.version), l.product_title]);
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return toCsv(records);
}

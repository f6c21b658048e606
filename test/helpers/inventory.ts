import { env } from "cloudflare:workers";

/** A listing's stock rows, one per warehouse, with every ledger counter. */
export async function inventoryRows(listingId: string) {
  const { results } = await env.DB.prepare(
    "SELECT warehouse_id, available, reserved, allocated, sold, initial, received, version FROM inventory WHERE sku_id = ? ORDER BY warehouse_id",
  )
    .bind(listingId)
    .all<Record<string, number | string>>();
  return results;
}

import type { SellerWarehouse } from "./schemas";

/**
 * The warehouses a seller may stock a listing in. Warehouses are the marketplace's fulfilment
 * network, shared by every seller (nothing in the schema ties one to a seller), and a stock count
 * accepts any of them; the network is tens of sites, so one unpaged list serves a picker.
 */
export async function listWarehouses(d1: D1Database): Promise<SellerWarehouse[]> {
  const { results } = await d1.prepare("SELECT id, name, city FROM warehouses ORDER BY name, id").all<SellerWarehouse>();
  return results;
}

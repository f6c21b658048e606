import { AppError } from "../platform/errors";
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

/**
 * Refuses stock naming a warehouse that is not in the network (never was, or has closed), as a
 * 400 on `path`: the body field that named it.
 */
export async function requireWarehouse(d1: D1Database, warehouseId: string, path = "warehouse_id"): Promise<void> {
  const warehouse = await d1.prepare("SELECT id FROM warehouses WHERE id = ?").bind(warehouseId).first();
  if (!warehouse) {
    throw new AppError("validation_failed", "The warehouse does not exist.", {
      errors: [{ path, message: "No such warehouse" }],
    });
  }
}

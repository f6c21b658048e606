import { env } from "cloudflare:workers";
import { allocateToDealStatements } from "../../workers/inventory/deal-ledger";
import { setAvailable } from "../../workers/inventory/ledger";
import { type Fixture, createListingFixture } from "./catalog";

/** A new listing with `available` units on the shelf, `units` of them carved out for deal `dealId`, journaled. */
export async function dealAllocation(dealId: string, { available, units }: { available: number; units: number }): Promise<Fixture> {
  const f = await createListingFixture();
  await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available, ref: `${dealId}:count` });
  await env.DB.batch(
    allocateToDealStatements(
      env.DB,
      { skuId: f.listingId, warehouseId: f.warehouseId, qty: units, ref: `${dealId}:allocate`, reason: "test" },
      new Date().toISOString(),
    ),
  );
  return f;
}

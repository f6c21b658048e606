import type { Context } from "hono";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, callApi } from "../api";

/**
 * An offer's stock as a deal manager needs it: the exact units a new deal can carve, which the
 * shoppers' availability band never gives. `available` and `warehouses` are unknown when the
 * figure came from a refusal rather than a read.
 */
export interface OfferStock {
  /** The most units one deal can carve now: the largest available count in one warehouse. */
  dealUnits: number;
  available?: number;
  warehouses?: number;
}

/** The offers' stock by listing id; listings the read did not answer for are absent. */
export type StockByListing = ReadonlyMap<string, OfferStock>;

interface DealUnitsPage {
  items: { listing_id: string; deal_units: number; available: number; warehouses: number }[];
}

/** The most listings asked for in one read, as the API allows. */
const READ_MAX = 50;

/**
 * Reads the deal units of some listings through the deal manager's inventory API, as the visitor
 * (it is theirs alone). A failed read leaves the figures out: the console still works from the
 * availability band, and creation checks the stock itself.
 */
export async function readOfferStock(c: Context<AppEnv>, fetchApi: ApiFetch, listingIds: readonly string[]): Promise<StockByListing> {
  const ids = [...new Set(listingIds)].slice(0, READ_MAX);
  if (ids.length === 0) return new Map();
  const query = new URLSearchParams(ids.map((id) => ["listing_id", id]));
  const res = await callApi<DealUnitsPage>(c, fetchApi, `/api/admin/inventory/deal-units?${query}`);
  if (!res.ok) return new Map();
  return new Map(res.data.items.map((i) => [i.listing_id, { dealUnits: i.deal_units, available: i.available, warehouses: i.warehouses }]));
}

/** A count of units in words, like "1 unit" or "1,200 units". */
export const unitsInWords = (n: number) => `${n.toLocaleString("en-IN")} ${n === 1 ? "unit" : "units"}`;

/** The exact figure in words, and why it is less than the listing's total when stock is split. */
export function stockInWords(s: OfferStock): { carve: string; split: string | null } {
  const split =
    s.available !== undefined && s.warehouses !== undefined && s.available > s.dealUnits
      ? `of ${unitsInWords(s.available)} across ${s.warehouses} warehouses: a deal takes its units from one`
      : null;
  return { carve: unitsInWords(s.dealUnits), split };
}

/** Types for generate.mjs, so TypeScript tests can check generated products without loading them into D1. */
export interface GeneratedProduct {
  id: string;
  title: string;
  brand: string;
  category_id: string;
  description: string;
  /** JSON of the product's attributes: its brand and one value per dimension of its leaf. */
  attributes: string;
  image: string | null;
  /** The line's own HSN code where it is not its leaf's (LINE_HSN_CODES), else null. */
  hsn_code: string | null;
  rating_sum: number;
  rating_count: number;
  popularity: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface GeneratedListing {
  id: string;
  product_id: string;
  seller_id: string;
  /** Paise. */
  price: number;
  /** Paise. */
  mrp: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface ProductBundle {
  product: GeneratedProduct;
  listings: GeneratedListing[];
  inventory: { sku_id: string; warehouse_id: string; available: number; initial: number }[];
  reviews: { id: string; product_id: string; user_id: null; rating: number; title: string; body: string; created_at: string }[];
}

/** The id of the demo seller the demo seller account is bound to. */
export const DEMO_SELLER_ID: string;

/** Everything product `index` (1-based) of a `totalProducts` catalog contributes. */
export function productBundle(index: number, totalProducts: number, seed?: number): ProductBundle;

/** A category row; leaves (depth 2) come in the order of taxonomy.mjs's LEAVES. */
export interface CategoryRow {
  id: string;
  slug: string;
  name: string;
  parent_id: string | null;
  path: string;
  depth: number;
  position: number;
  /** GST in percent; null inherits the nearest ancestor's. */
  gst_rate: number | null;
  /** For goods banded by price, the rate on a piece worth over ₹1,000. */
  gst_rate_above_band: number | null;
  /** The six-digit HSN code of a leaf's goods; null above the leaves. */
  hsn_code: string | null;
}

/** The category rows (departments, groups, leaves) with materialized slug paths. */
export function categoryRows(): CategoryRow[];

/** A seller row, registered for GST in its city's state. */
export interface SellerRow {
  id: string;
  name: string;
  city: string;
  rating_x10: number;
  /** The rating buyers' ratings are blended with; the same as `rating_x10` until any rate it. */
  rating_prior_x10: number;
  created_at: string;
  gstin: string;
}

/** Seller rows of a `products`-product catalog, the demo seller first. */
export function sellerRows(products: number, seed?: number): SellerRow[];

/** How many products a catalog can have before any title repeats: every variant of every leaf, once. */
export const DISTINCT_TITLES: number;

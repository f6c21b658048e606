import type { Question } from "../questions/schemas";

/** The fields of API payloads the pages render; every one optional where the contract leaves it open. */

/** A product as search and browse list it. */
export interface ProductCardData {
  id: string;
  title: string;
  brand?: string | null;
  price?: number | null;
  mrp?: number | null;
  rating?: { average: number; count: number } | number | null;
  rating_count?: number | null;
  availability?: string | null;
  /** A same-site URL of the product's picture; null when it has none. */
  image?: string | null;
  deal_price?: number | null;
  /** The product's leaf category (a search result names it; other lists may not). */
  category_id?: string;
  /** How many of the model's sizes and colours a search or category listing found, this one standing for them all. */
  variants?: number;
}

/** One facet value with its count. */
export interface FacetValue {
  value: string;
  label?: string;
  /** A category's id (its `value` is the slug). */
  id?: string;
  count: number;
}

/** GET /api/products. */
export interface ProductList {
  items: ProductCardData[];
  facets?: Record<string, FacetValue[] | { min?: number; max?: number }>;
  total?: number;
  next_cursor?: string | null;
  corrected_query?: string | null;
  /** True when no product matched every word and the results match some of them. */
  relaxed?: boolean;
  /** True when more products matched than were counted: `total` is then a lower bound. */
  capped?: boolean;
  /** Set when the search read a budget in the query: the words it searched and the price range it applied, in paise. */
  price_phrase?: { q: string; price_min: number | null; price_max: number | null } | null;
  /**
   * Set when words in the query ("sasta", "cheap") sorted the products it names by price, low to
   * high, ahead of the rest: the words it searched and the words read, and, for a query naming a
   * model line or brand rather than a category, the category whose matches it sorted.
   */
  sort_phrase?: { q: string; sort: "price_asc"; words: string; category?: { slug: string; name: string } | null } | null;
}

/** One seller's offer for a product. */
export interface Offer {
  listing_id: string;
  seller?: { id?: string; name?: string; rating?: number } | string | null;
  seller_name?: string | null;
  price: number;
  mrp?: number | null;
  availability?: string | null;
}

/** A live or upcoming flash deal. */
export interface Deal {
  id: string;
  listing_id?: string;
  product_id?: string | null;
  title?: string | null;
  product_title?: string | null;
  /** A same-site URL of the product's picture; null when it has none. */
  product_image?: string | null;
  /** The product's brand, whose first letter stands in for a missing picture. */
  product_brand?: string | null;
  seller_name?: string | null;
  deal_price: number;
  mrp?: number | null;
  price?: number | null;
  units?: number;
  remaining?: number | null;
  /** An ended deal's units sold and returned to stock (the admin list); null before it ends. */
  sold?: number | null;
  returned?: number | null;
  starts_at: string;
  ends_at: string;
  /** When it stopped selling, earlier than `ends_at` if it was ended early; null while it may sell. */
  ended_at?: string | null;
  status?: string;
  per_user_limit?: number;
}

/** GET /api/products/{id}. */
export interface ProductDetail {
  id: string;
  title: string;
  brand?: string | null;
  description?: string | null;
  category?: { id?: string; slug?: string; name?: string } | string | null;
  attributes?: Record<string, string | number | boolean> | null;
  rating?: { average: number; count: number } | null;
  offers?: Offer[];
  buy_box?: Offer | null;
  availability?: string | null;
  deal?: Deal | null;
  /** A same-site URL of the product's picture; null when it has none. */
  image?: string | null;
  /** The model's other variants; missing from a page cached before the picker existed. */
  variants?: ProductVariantDimension[];
  /** Its answered questions: how many, and the newest few; missing from a page cached before they existed. */
  questions?: { count: number; newest: Question[] } | null;
}

/** One dimension of a product's variant picker in GET /api/products/{id}. */
export interface ProductVariantDimension {
  name: string;
  options: { value: string; product_id: string; current: boolean }[];
}

/** A category node in GET /api/categories. */
export interface Category {
  id?: string;
  slug: string;
  name: string;
  children?: Category[];
}

/** A cart line from GET /api/cart. */
export interface CartLine {
  listing_id: string;
  product_id?: string;
  title?: string;
  seller_name?: string | null;
  image?: string | null;
  qty: number;
  price?: number | null;
  mrp?: number | null;
  price_when_added?: number | null;
  added_price?: number | null;
  availability?: string | null;
  line_total?: number | null;
  /** Units the cart's total counts: what can be bought now (0 when sold out or off sale). */
  counted_qty?: number | null;
  max_qty?: number | null;
  deal_limit?: { per_shopper: number; ordered: number } | null;
  /** Set while a flash deal is live on the line's listing: it is priced, and checked out, as that deal. */
  deal_id?: string | null;
  changes?: string[] | null;
}

/** An item saved for later, from GET /api/cart's `saved`: priced today, counted in nothing. */
export interface SavedLine {
  listing_id: string;
  product_id?: string | null;
  title?: string | null;
  image?: string | null;
  qty: number;
  price?: number | null;
  mrp?: number | null;
  availability?: string | null;
  deal_id?: string | null;
}

/** GET /api/cart. */
export interface Cart {
  items: CartLine[];
  saved?: SavedLine[];
  totals?: { subtotal?: number; mrp?: number; savings?: number; total?: number; items?: number } | null;
  subtotal?: number;
  total?: number;
}

/** One state change of an order. */
export interface Transition {
  from?: string | null;
  to: string;
  at: string;
  note?: string | null;
  reason?: string | null;
  /** Who made the change ("ops:usr_…", "system"); shown to ops only. */
  actor?: string | null;
}

/** An order from GET /api/orders or /api/orders/{id}. */
/** A line of an order as the shopper's list shows it. */
export interface LinePicture {
  product_id: string | null;
  title: string;
  image: string | null;
}

export interface Order {
  id: string;
  status: string;
  created_at?: string;
  total?: number;
  /** The lines on the order page; a count in order lists. */
  items?:
    | {
        listing_id: string;
        product_id?: string;
        title?: string;
        image?: string | null;
        qty: number;
        price?: number;
        unit_price?: number;
        deal_id?: string | null;
        /** Days after delivery the line may be returned; null: never. */
        return_days?: number | null;
        /** Units of the line the shopper asked to send back; null when not asked back. */
        return_qty?: number | null;
        /** The shopper has reviewed the product already. */
        reviewed?: boolean;
      }[]
    | number;
  timeline?: Transition[];
  payment?: { status?: string; method?: string; captured?: number; refunded?: number; redirect_url?: string | null } | null;
  address?: Record<string, string> | null;
  /** In the ops queue: captured money not yet refunded, in paise. */
  refundable?: number;
  /** In the ops queue: refunded by accepting a return whose goods are not received back yet. */
  return_awaited?: boolean;
  /** In the ops queue: the costliest line's title, and how the shopper pays. */
  lead_title?: string | null;
  payment_method?: string;
  /** In the shopper's list: the line the order is recognised by, the first lines' pictures (the lead first), and how many lines it has. */
  lead_item?: LinePicture | null;
  item_images?: LinePicture[];
  lines?: number;
  /** In the shopper's list: how many lines' products they have not reviewed. */
  unreviewed?: number;
  /** My orders: where to complete a payment that waits for the shopper. */
  payment_url?: string | null;
  /** On the order page: whether it may be returned now and until when, and the latest return asked for. */
  return_window?: ReturnWindow;
  return_request?: ReturnRequest | null;
  /** On the order page: the courier and tracking number, once ops have given them. */
  shipment?: Shipment | null;
  /** On the order page, while it is on its way: the day it is due by (YYYY-MM-DD, IST). */
  delivery_by?: string | null;
}

/** How a shipped order travels, as GET /api/orders/{id} says. */
export interface Shipment {
  carrier: string;
  carrier_name: string;
  tracking_number: string;
  tracking_url: string | null;
  updated_at: string;
}

/** Whether an order may be returned, as GET /api/orders/{id} says. */
export interface ReturnWindow {
  state: "open" | "closed" | "not_returnable" | "not_delivered" | "requested" | "declined";
  until: string | null;
  not_returnable: { listing_id: string; title: string; why: string }[];
  decline_reason: string | null;
}

/** The shopper's latest return request, as GET /api/orders/{id} says. */
export interface ReturnRequest {
  reason: string;
  note: string | null;
  requested_at: string;
  outcome: "pending" | "accepted" | "declined";
  decided_at: string | null;
  decline_reason: string | null;
  /** Units asked back, of the order's units, and what accepting the return refunds (paise). */
  units?: number;
  of_units?: number;
  refund_amount?: number;
}

/** A cancellation still settling, as GET /api/admin/cancellations/unsettled lists it. */
export interface UnsettledCancellation {
  order_id: string;
  status: string;
  total: number;
  cancelled_at: string;
  attempts: number;
  next_try_at: string | null;
  payment_status: string | null;
}

/** One review from GET /api/products/{id}/reviews. */
export interface ReviewView {
  id: string;
  rating: number;
  title: string;
  body: string;
  reviewer: string;
  verified_purchase: boolean;
  created_at: string;
  helpful_count: number;
}

/** GET /api/products/{id}/reviews: a page of reviews, and on the first page the count by stars. */
export interface ReviewsPage {
  items: ReviewView[];
  next_cursor: string | null;
  stars: Record<"5" | "4" | "3" | "2" | "1", number> | null;
}

/** GET /api/products/{id}/reviews/mine. */
export interface MyReviewView {
  can_review: boolean;
  why_not: string | null;
  review: ReviewView | null;
}

/** One review from GET /api/admin/reviews, the store-wide moderation list. */
export interface StoreReviewView {
  id: string;
  product_id: string;
  product_title: string;
  rating: number;
  title: string;
  body: string;
  reviewer: string;
  created_at: string;
}

/** One removal from GET /api/admin/reviews/removals. */
export interface ReviewRemovalView {
  review_id: string;
  product_id: string;
  product_title: string;
  user_id: string | null;
  rating: number;
  title: string;
  body: string;
  removed_by: string;
  removed_by_name: string | null;
  reason: string;
  removed_at: string;
}

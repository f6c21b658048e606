import { sql } from "drizzle-orm";
import { type IndexColumn, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

/** The category tree; `path` is the materialized ancestry ("/electronics/mobiles/") for descendant queries. */
export const categories = sqliteTable(
  "categories",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    parentId: text("parent_id"),
    path: text("path").notNull(),
    depth: integer("depth").notNull(),
    position: integer("position").notNull().default(0),
    /**
     * GST in percent on goods of this category; unset inherits the nearest ancestor's, so a leaf
     * follows its department unless it is set (workers/invoices/gst-rate.ts).
     */
    gstRate: integer("gst_rate"),
    /** For goods the tariff bands by price (apparel, footwear, made-ups): the rate on a piece worth over ₹2,500. */
    gstRateAboveBand: integer("gst_rate_above_band"),
    /** The six-digit HSN code a leaf's goods are invoiced under; set on leaves only, which products belong to. */
    hsnCode: text("hsn_code"),
  },
  (t) => [index("categories_parent_idx").on(t.parentId), index("categories_path_idx").on(t.path)],
);

/** Marketplace sellers. */
export const sellers = sqliteTable(
  "sellers",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    city: text("city").notNull(),
    /**
     * The seller's GST registration; its first two digits are the state it is registered in. A
     * seller without one cannot be issued tax invoices, so its orders cannot ship.
     */
    gstin: text("gstin"),
    /**
     * The rating shoppers are shown (stars × 10): the buyers' ratings blended with `rating_prior_x10`
     * (workers/sellers/shown-rating.ts), recomputed by the minute cron, not by each rating.
     */
    rating: integer("rating_x10").notNull().default(45),
    /** What the seller was shown before any buyer rated it: a new seller's default, or an older database's value. */
    ratingPrior: integer("rating_prior_x10").notNull().default(45),
    // Running totals of buyers' ratings (workers/sellers/rate-seller.ts), moved in the same D1 batch
    // as each rating, so they never drift from the feedback rows.
    ratingSum: integer("rating_sum").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    /** 1 once a rating moved the totals and the shown rating has not been recomputed since. */
    ratingDue: integer("rating_due").notNull().default(0),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    // One seller per GSTIN: two sellers invoicing under one registration would be one taxpayer's
    // sales split over two number series. Sellers without one (NULL) are not counted against it.
    uniqueIndex("sellers_gstin_uq").on(t.gstin),
    // The cron's recompute reads only the sellers rated since its last run, however many sellers there are.
    index("sellers_rating_due_idx").on(t.id).where(sql`${t.ratingDue} = 1`),
  ],
);

/** Products: what shoppers see; offers come from listings. */
export const products = sqliteTable(
  "products",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    brand: text("brand").notNull(),
    categoryId: text("category_id")
      .notNull()
      .references(() => categories.id),
    description: text("description").notNull().default(""),
    attributes: text("attributes", { mode: "json" }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
    image: text("image"),
    /**
     * The product's own HSN code, where its leaf's goods fall under several tariff headings (rice,
     * dal and oil in one grocery aisle); null takes its category's, which most products do.
     */
    hsnCode: text("hsn_code"),
    // The model this product is one variant of (workers/catalog/family.ts): products sharing it are
    // offered as each other's colours, sizes and storage. Null only for a row no path has keyed.
    family: text("family"),
    ratingSum: integer("rating_sum").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    // How many of its questions are shown (visible, with a visible answer), recomputed in the batch
    // of every answer or removal (workers/questions/after-change.ts), so the page's "All N questions"
    // is read with the product rather than counted on each rebuild of its projection.
    answeredQuestions: integer("answered_questions").notNull().default(0),
    popularity: integer("popularity").notNull().default(0),
    // Denormalized buy-box summary, recomputed (workers/catalog/summary.ts) in the same batch as any
    // listing change, stock count, or stock movement shoppers would see, so search filters and sorts
    // on price and stock without joins. Between recomputes `stock_total` may lag the live total
    // inside its availability bucket, never across one.
    buyBoxListingId: text("buy_box_listing_id"),
    price: integer("price"),
    mrp: integer("mrp"),
    stockTotal: integer("stock_total").notNull().default(0),
    offerCount: integer("offer_count").notNull().default(0),
    // When the summary last saw the product come back from sold out, until the catalog consumer
    // starts its wishlisters' back-in-stock alert and clears it: the summary recompute is the one
    // place every stock path passes that knows the total before and after.
    backInStockAt: text("back_in_stock_at"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => {
    // Browsing reads the first rows of a listing in the order asked for, walking one of these
    // instead of sorting the catalog. Each carries every field browse filters, facets and grouping
    // by model (the family) read, so a walk never looks up the table row. The two expressions must
    // stay equal to the rating average and BROWSE_SCORE in workers/search/search-sql.ts, or the
    // walk turns into a sort (test/search/browse-cost.test.ts checks the plans).
    const fields = [t.id, t.categoryId, t.brand, t.price, t.stockTotal, t.ratingSum, t.ratingCount, t.popularity, t.createdAt, t.family];
    const covering = (keys: IndexColumn[], keyFields: IndexColumn[]): [IndexColumn, ...IndexColumn[]] => [
      ...(keys as [IndexColumn, ...IndexColumn[]]),
      ...fields.filter((f) => !keyFields.includes(f)),
    ];
    const ratingAverage = sql`(CASE WHEN ${t.ratingCount} > 0 THEN 1.0 * ${t.ratingSum} / ${t.ratingCount} END)`;
    const browseRank = sql`(${t.popularity} * (CASE WHEN ${t.ratingCount} > 0 THEN 0.94 + 0.02 * ${t.ratingSum} / ${t.ratingCount} ELSE 1.0 END))`;
    return [
      // A category or brand that holds few products is read whole through its own index. The
      // family also lets recommendations rank a category's price band one card per model
      // (workers/search/recommendations.ts) without looking up product rows.
      index("products_category_idx").on(...covering([t.categoryId, t.price], [t.categoryId, t.price])),
      index("products_brand_idx").on(...covering([t.brand], [t.brand])),
      index("products_price_idx").on(...covering([t.price], [t.price])),
      index("products_created_idx").on(...covering([sql`${t.createdAt} DESC`], [t.createdAt])),
      index("products_rating_idx").on(...covering([sql`${ratingAverage} DESC`, sql`${t.ratingCount} DESC`], [t.ratingCount])),
      index("products_rank_idx").on(...covering([sql`${browseRank} DESC`], [])),
      // A product page reads its family's first members in id order, however large the family.
      // It carries their attributes, the one other column the read takes, so each rebuild of a
      // projection walks this index alone instead of looking up up to 100 wide product rows.
      index("products_family_idx").on(t.family, t.id, t.attributes),
    ];
  },
);

/** A listing is one seller's offer of one product, and is the SKU stock is kept against. Money in paise. */
export const listings = sqliteTable(
  "listings",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    price: integer("price").notNull(),
    mrp: integer("mrp").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** The seller is told when units for sale, over every warehouse, fall to this many or fewer; 0: never. */
    lowStockAt: integer("low_stock_at").notNull().default(10),
    // When the seller was told the listing ran low (or sold out, which is low too), and when that
    // it sold out; both cleared once it is restocked above `low_stock_at`. Set and cleared by the
    // catalog consumer (workers/sellers/low-stock.ts), so stock that flickers around the line tells
    // the seller once, and "low" listings are an index range read for the console.
    lowStockNotifiedAt: text("low_stock_notified_at"),
    soldOutNotifiedAt: text("sold_out_notified_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("listings_product_idx").on(t.productId),
    // A seller's listings in id order, as the console, the API and the bulk template page them: with
    // seller alone, each page of a 100,000-listing seller sorted every listing it has.
    index("listings_seller_idx").on(t.sellerId, t.id),
    uniqueIndex("listings_product_seller_uq").on(t.productId, t.sellerId),
    // The console's "low stock" list: one seller's low listings in id order, however many they have.
    index("listings_seller_low_idx").on(t.sellerId, t.id).where(sql`${t.lowStockNotifiedAt} IS NOT NULL`),
  ],
);

/** Warehouses stock is held in. */
export const warehouses = sqliteTable("warehouses", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  city: text("city").notNull(),
  // Where the building is, for delivery estimates. Nullable so a warehouse added without one still
  // works: workers/delivery/warehouse-pincode.ts falls back to its city's main post office.
  pincode: text("pincode"),
});

/** Shopper reviews; the product keeps running rating totals. */
export const reviews = sqliteTable(
  "reviews",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    userId: text("user_id").references(() => users.id),
    rating: integer("rating").notNull(),
    title: text("title").notNull().default(""),
    body: text("body").notNull().default(""),
    createdAt: text("created_at").notNull(),
    // How many shoppers marked the review helpful: one per entry of review_votes, moved in the same batch.
    helpfulCount: integer("helpful_count").notNull().default(0),
    // How many shoppers reported the review to ops and ops have not yet looked at: one per entry of review_reports.
    reportCount: integer("report_count").notNull().default(0),
    // Who in ops last kept the review after reports, and when: a review reported again shows it was judged before.
    reportsKeptBy: text("reports_kept_by").references(() => users.id),
    reportsKeptAt: text("reports_kept_at"),
  },
  (t) => [
    // One review per shopper and product: a second write replaces the first, so one buyer counts once.
    // Reviews written before accounts (no user) are all kept: SQLite treats each NULL as distinct.
    uniqueIndex("reviews_product_user_uq").on(t.productId, t.userId),
    // A product's reviews newest first, paged by keyset, read in index order without a sort.
    index("reviews_product_newest_idx").on(t.productId, t.createdAt, t.id),
    // The star breakdown counts one product's entries of this index without reading a review row,
    // and a list of one star rating's reviews walks it newest first, paged by keyset, without a sort.
    index("reviews_product_rating_idx").on(t.productId, t.rating, t.createdAt, t.id),
    // The most helpful first, all of a product's reviews or one star rating's, paged by keyset
    // without a sort. A vote moves its review in both.
    index("reviews_product_helpful_idx").on(t.productId, t.helpfulCount, t.createdAt, t.id),
    index("reviews_product_rating_helpful_idx").on(t.productId, t.rating, t.helpfulCount, t.createdAt, t.id),
    // Moderation reads the whole store's newest reviews first, paged by keyset, without a sort.
    index("reviews_newest_idx").on(t.createdAt, t.id),
    // Moderation's queue of reported reviews, the most reported first: only those, so it stays small.
    index("reviews_reported_idx").on(t.reportCount, t.createdAt, t.id).where(sql`${t.reportCount} > 0`),
  ],
);

/**
 * Reviews ops removed, with what the review said when it went, so a removal can be explained to
 * the shopper or undone by hand. Keyed by the review: a review is removed at most once, and the
 * shopper's next review of the product is a new one with its own id.
 */
export const reviewRemovals = sqliteTable(
  "review_removals",
  {
    reviewId: text("review_id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    // Null for a review written before accounts.
    userId: text("user_id").references(() => users.id),
    rating: integer("rating").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    removedBy: text("removed_by")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    removedAt: text("removed_at").notNull(),
  },
  // The removals list reads newest first.
  (t) => [index("review_removals_newest_idx").on(t.removedAt, t.reviewId)],
);

/** The keys of a shopper's one mark on a review (a report, a helpful vote): gone with the review. */
const shopperMarkOnReview = () => ({
  reviewId: text("review_id")
    .notNull()
    .references(() => reviews.id, { onDelete: "cascade" }),
  userId: text("user_id")
    .notNull()
    .references(() => users.id),
});

/**
 * Shoppers who reported a review to ops, one entry each with their reason, so a report counts once
 * however often it is sent. Cleared when ops keep the review; gone with it when they remove it.
 */
export const reviewReports = sqliteTable(
  "review_reports",
  {
    ...shopperMarkOnReview(),
    reason: text("reason").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] })],
);

/**
 * Shoppers who marked a review helpful, one entry each, so a vote counts once however often it is
 * sent and can be taken back. The votes go with their review: deleted, removed by ops, or
 * replaced by new words its readers have not judged yet.
 */
export const reviewVotes = sqliteTable(
  "review_votes",
  {
    ...shopperMarkOnReview(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.userId] }),
    // A shopper's marks among one product's reviews, for drawing their own buttons pressed.
    index("review_votes_user_idx").on(t.userId, t.reviewId),
  ],
);

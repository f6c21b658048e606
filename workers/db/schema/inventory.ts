import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { listings, warehouses } from "./catalog";

/**
 * Stock per (SKU, warehouse). Every counter only moves through single conditional
 * statements, and at every moment initial + received = available + allocated + reserved + sold - returned.
 */
export const inventory = sqliteTable(
  "inventory",
  {
    skuId: text("sku_id")
      .notNull()
      .references(() => listings.id),
    warehouseId: text("warehouse_id")
      .notNull()
      .references(() => warehouses.id),
    available: integer("available").notNull().default(0),
    reserved: integer("reserved").notNull().default(0),
    allocated: integer("allocated").notNull().default(0),
    sold: integer("sold").notNull().default(0),
    initial: integer("initial").notNull().default(0),
    received: integer("received").notNull().default(0),
    /**
     * Sold units shoppers sent back that went on sale again. `sold` keeps counting them, as the sale
     * happened (sellers' and analytics' figures stay as they were); they are no longer sold on net.
     */
    returned: integer("returned").notNull().default(0),
    /**
     * Sold units shoppers sent back damaged, kept off sale. Still counted in `sold` (and not in
     * `returned`): they left stock for good; this says how many of them came back unsellable.
     */
    damaged: integer("damaged").notNull().default(0),
    version: integer("version").notNull().default(1),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.skuId, t.warehouseId] }),
    check("inventory_nonneg", sql`${t.available} >= 0 AND ${t.reserved} >= 0 AND ${t.allocated} >= 0 AND ${t.sold} >= 0`),
  ],
);

/** Holds on normal-SKU stock; a hold that is not committed by `expires_at` is released by the sweeper. */
export const inventoryReservations = sqliteTable(
  "inventory_reservations",
  {
    id: text("id").primaryKey(),
    skuId: text("sku_id").notNull(),
    warehouseId: text("warehouse_id").notNull(),
    qty: integer("qty").notNull(),
    status: text("status", { enum: ["held", "committed", "released", "expired", "restocked"] }).notNull(),
    ref: text("ref").notNull().unique(),
    expiresAt: text("expires_at").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("reservations_expiry_idx").on(t.status, t.expiresAt)],
);

/** Append-only record of every stock mutation with the balances after it; (ref, kind) makes replays no-ops. */
export const inventoryJournal = sqliteTable(
  "inventory_journal",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    skuId: text("sku_id").notNull(),
    warehouseId: text("warehouse_id").notNull(),
    kind: text("kind").notNull(),
    reason: text("reason").notNull().default(""),
    ref: text("ref").notNull(),
    dAvailable: integer("d_available").notNull().default(0),
    dReserved: integer("d_reserved").notNull().default(0),
    dAllocated: integer("d_allocated").notNull().default(0),
    dSold: integer("d_sold").notNull().default(0),
    dInitial: integer("d_initial").notNull().default(0),
    dReceived: integer("d_received").notNull().default(0),
    dReturned: integer("d_returned").notNull().default(0),
    dDamaged: integer("d_damaged").notNull().default(0),
    availableAfter: integer("available_after"),
    reservedAfter: integer("reserved_after"),
    allocatedAfter: integer("allocated_after"),
    soldAfter: integer("sold_after"),
    /**
     * The stock row's `version` after this entry, so a figure read at a version (a seller's bulk
     * template) can be told from one typed since. Null on entries written before it was kept.
     */
    versionAfter: integer("version_after"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("journal_ref_kind_uq").on(t.ref, t.kind), index("journal_sku_idx").on(t.skuId)],
);

/** Flash deals. Units are carved out of the ledger into the deal's SkuGate at creation. */
export const deals = sqliteTable(
  "deals",
  {
    id: text("id").primaryKey(),
    listingId: text("listing_id")
      .notNull()
      .references(() => listings.id),
    productId: text("product_id").notNull(),
    warehouseId: text("warehouse_id").notNull(),
    dealPrice: integer("deal_price").notNull(),
    units: integer("units").notNull(),
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    perUserLimit: integer("per_user_limit").notNull(),
    activeUsers: integer("wr_active_users").notNull(),
    newUsersPerMinute: integer("wr_new_users_per_minute").notNull(),
    sessionMinutes: integer("wr_session_minutes").notNull(),
    /** How long a reserved deal unit is held for checkout before it returns to the deal. */
    holdSeconds: integer("hold_seconds").notNull().default(600),
    status: text("status", { enum: ["setting_up", "scheduled", "live", "paused", "ended"] }).notNull(),
    createdBy: text("created_by").notNull(),
    /** The creating request's Idempotency-Key, unique per manager (`deals_creator_idem_uq`), as checkout's are per shopper. */
    idempotencyKey: text("idempotency_key"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /**
     * When the deal's gate, after the deal ended, was found to owe the ledger nothing more: no
     * units held and every journal row shipped. Unset until then, so the minute cron keeps
     * checking its alarm; never unset again (see `checkEndedGates`).
     */
    settledAt: text("settled_at"),
    /** When the minute cron last checked the ended deal's gate; it takes unsettled deals in this order. */
    gateCheckedAt: text("gate_checked_at"),
    /**
     * When a step of the deal's setup (after the row was written) last failed, while it was still
     * `setting_up`: the console shows such a deal as a failed setup, not one in progress. Cleared
     * when a retried creation finishes the setup.
     */
    setupFailedAt: text("setup_failed_at"),
    /**
     * Units the deal sold and units it returned to stock, as its gate counted them when the deal
     * ended, so the console lists an ended deal's outcome without asking its gate. Units still
     * held at the end are in neither until the minute cron settles the deal, which records the
     * final figures. Null until the deal ends.
     */
    soldUnits: integer("sold_units"),
    returnedUnits: integer("returned_units"),
    /**
     * When the deal was ended because it sold out, before its window closed: the listing then
     * sells at its own price again, while the public list and the deal's page keep saying "sold
     * out" until the window's end. Null for a deal ended any other way.
     */
    soldOutAt: text("sold_out_at"),
  },
  (t) => [
    // A key is the manager's own: another manager's same key makes their own deal, not a replay of this one.
    uniqueIndex("deals_creator_idem_uq").on(t.createdBy, t.idempotencyKey),
    index("deals_listing_idx").on(t.listingId),
    index("deals_status_idx").on(t.status, t.startsAt),
    // Every product page build asks for its product's live and scheduled deals.
    index("deals_product_idx").on(t.productId),
    // The admin list pages latest start first by (starts_at, id): read in this order, a page stops
    // after its own deals, and only those are joined to their product and seller for their names.
    index("deals_starts_idx").on(t.startsAt, t.id),
    // Only ended deals still to settle are in it, so the cron never reads the settled ones again.
    // It holds one status, yet status leads: the planner then takes it, in order, over deals_status_idx.
    index("deals_unsettled_idx").on(t.status, t.gateCheckedAt, t.endsAt).where(sql`${t.status} = 'ended' AND ${t.settledAt} IS NULL`),
  ],
);

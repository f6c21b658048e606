import { AppError, type FieldError } from "../platform/errors";
import { tooFarBelowMrp, tooFarBelowMrpMessage } from "./price-sanity";
import { csvRows, rowFromCsv } from "./bulk-csv";
import { BulkRow, type BulkRowInput, MAX_BULK_ROWS } from "./bulk-schemas";
import { money } from "../pages/format";
import { nowIso } from "../platform/time";
import { OPEN_DEAL_ON } from "../deals/deal-window";

/**
 * Checking a bulk listing update before anything is written: every row is read and checked, and
 * only a file without a single bad row becomes a plan. Rows are numbered from 1 (the first row
 * after a CSV's header, or `rows[0]`), and each error names its row and field (`rows.12.price`).
 */

/** The most errors one refusal lists; the rest are counted. */
export const MAX_LISTED_ERRORS = 100;

/** A row as read, numbered. */
export interface BulkRowRead {
  row: number;
  input: BulkRowInput;
}

/** A listing whose price, MRP or status the file changes, with the `updated_at` it was checked at. */
export interface ListingPlan {
  id: string;
  productId: string;
  price: number | null;
  mrp: number | null;
  active: number | null;
  /** Whether the file switches the listing on or off, as checked (null: it keeps its status). */
  turns: "on" | "off" | null;
  seen: string;
}

/** A stock count the file makes, guarded by the stock's version as the file gives it or as checked (null: the listing had no stock there). */
export interface StockPlan {
  sku: string;
  wh: string;
  units: number;
  version: number | null;
  ref: string;
}

/** What an all-valid file will write; rows that change nothing are in `rows` only. */
export interface BulkPlan {
  rows: BulkRowRead[];
  listings: ListingPlan[];
  stock: StockPlan[];
  productIds: string[];
}

const rowPath = (row: number, field: string) => `rows.${row}.${field}`;

/** Refuses a file of more rows than one update may carry, before any row is read. */
function checkRowCount(count: number): void {
  if (count > MAX_BULK_ROWS) {
    throw new AppError(
      "payload_too_large",
      `A bulk update takes at most ${MAX_BULK_ROWS.toLocaleString("en-IN")} rows; this one has ${count.toLocaleString("en-IN")}. Split it into files of ${MAX_BULK_ROWS.toLocaleString("en-IN")} rows or fewer; nothing was changed.`,
      { extensions: { max_rows: MAX_BULK_ROWS, rows: count } },
    );
  }
  if (count === 0) {
    throw new AppError("validation_failed", "The file has no rows to apply.", { errors: [{ path: "rows", message: "No rows" }] });
  }
}

/** Checks one row's input against the row schema, adding its errors under its number. */
function readRow(row: number, raw: unknown, errors: FieldError[]): BulkRowRead | null {
  const parsed = BulkRow.safeParse(raw);
  if (parsed.success) return { row, input: parsed.data };
  for (const issue of parsed.error.issues)
    errors.push({ path: rowPath(row, issue.path.map(String).join(".") || "(row)"), message: issue.message });
  return null;
}

/** The rows of a CSV body, read into the row shape; what cannot be read is in `errors`. */
export function readCsvRows(text: string, errors: FieldError[]): BulkRowRead[] {
  const rows = csvRows(text);
  checkRowCount(rows.length);
  const read: BulkRowRead[] = [];
  for (const { row, cells } of rows) {
    const { input, errors: cellErrors } = rowFromCsv(cells);
    for (const e of cellErrors) errors.push({ path: rowPath(row, e.field), message: e.message });
    // The rest of a row with an unreadable cell is still checked, so one refusal names every
    // field to fix; the unreadable cell is reported once, not again by the schema as missing.
    const unread = new Set(cellErrors.map((e) => e.field));
    const schemaErrors: FieldError[] = [];
    const known = readRow(row, input, schemaErrors);
    errors.push(...schemaErrors.filter((e) => !unread.has(e.path.split(".")[2] ?? "")));
    if (known) read.push(unread.size ? withoutUnreadAmounts(known, unread) : known);
  }
  return read;
}

/**
 * A row with an unreadable cell, as far as the listing and stock checks may still see it. Its
 * price and MRP are left out together when either is unreadable, so a typo in one does not have
 * the other judged against the listing's current amount and refused for a reason that is not so.
 */
function withoutUnreadAmounts(read: BulkRowRead, unread: ReadonlySet<string>): BulkRowRead {
  if (!unread.has("price") && !unread.has("mrp")) return read;
  const { price: _price, mrp: _mrp, ...rest } = read.input;
  return { row: read.row, input: rest };
}

/** The rows of a JSON body (`{ rows: [...] }`); what does not fit the row schema is in `errors`. */
export function readJsonRows(body: unknown, errors: FieldError[]): BulkRowRead[] {
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (!body || typeof body !== "object" || Array.isArray(body) || !Array.isArray(rows) || Object.keys(body).length !== 1) {
    throw new AppError("validation_failed", 'Send { "rows": [...] }.', {
      errors: [{ path: "rows", message: "Expected an array of rows" }],
    });
  }
  checkRowCount(rows.length);
  const read: BulkRowRead[] = [];
  rows.forEach((raw, i) => {
    const known = readRow(i + 1, raw, errors);
    if (known) read.push(known);
  });
  return read;
}

interface ListingNow {
  id: string;
  product_id: string;
  price: number;
  mrp: number;
  active: number;
  updated_at: string;
}

/** The journal ref of one stock count of a keyed bulk update: the same key never counts the same stock twice. */
export const bulkCountRef = (sellerId: string, key: string, sku: string, wh: string) => `bulk:${sellerId}:${key}:${sku}:${wh}`;

/** Throws the 400 listing every failing row (the first hundred, and how many more), or does nothing. */
export function refuseIfAny(errors: FieldError[]): void {
  if (errors.length === 0) return;
  const rows = new Set(errors.map((e) => e.path.split(".")[1]));
  const more = Math.max(0, errors.length - MAX_LISTED_ERRORS);
  throw new AppError(
    "validation_failed",
    `${rows.size} row(s) of the file have errors, so nothing was changed${more ? `; the first ${MAX_LISTED_ERRORS} errors are listed, and ${more} more` : ""}. Fix them and send the whole file again.`,
    { errors: errors.slice(0, MAX_LISTED_ERRORS), extensions: { more_errors: more } },
  );
}

/**
 * Checks the rows against the seller's listings, the warehouses and each other, and returns what
 * to write; any bad row refuses the whole file (400, every error listed) and nothing is written.
 * `errors` may already hold the rows' reading errors, so one refusal lists them all.
 */
export async function planBulkUpdate(
  d1: D1Database,
  sellerId: string,
  key: string,
  rows: BulkRowRead[],
  errors: FieldError[],
): Promise<BulkPlan> {
  const listingIds = [...new Set(rows.map((r) => r.input.listing_id))];
  const warehouseIds = [...new Set(rows.flatMap((r) => (r.input.warehouse_id ? [r.input.warehouse_id] : [])))];
  const refs = rows.flatMap((r) => (r.input.warehouse_id ? [bulkCountRef(sellerId, key, r.input.listing_id, r.input.warehouse_id)] : []));
  const versioned = rows.flatMap(({ input: r }) =>
    r.warehouse_id !== undefined && r.stock_version !== undefined ? [[r.listing_id, r.warehouse_id, r.stock_version]] : [],
  );
  const [listings, warehouses, stock, counted, deals, asRead] = await d1.batch([
    // Another seller's listing is read as missing, as everywhere a seller names a listing.
    d1
      .prepare(
        "SELECT id, product_id, price, mrp, active, updated_at FROM listings WHERE id IN (SELECT value FROM json_each(?1)) AND seller_id = ?2",
      )
      .bind(JSON.stringify(listingIds), sellerId),
    d1.prepare("SELECT id FROM warehouses WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(warehouseIds)),
    d1
      .prepare(
        `SELECT i.sku_id, i.warehouse_id, i.available, i.version FROM inventory i JOIN listings l ON l.id = i.sku_id
         WHERE i.sku_id IN (SELECT value FROM json_each(?1)) AND l.seller_id = ?2`,
      )
      .bind(JSON.stringify(listingIds), sellerId),
    // Counts an earlier run under this key already made (a run that died before answering).
    d1
      .prepare("SELECT ref FROM inventory_journal WHERE kind = 'adjust' AND ref IN (SELECT value FROM json_each(?1))")
      .bind(JSON.stringify(refs)),
    // Flash deals to come or under way, which keep their listings on sale (see `updateListing`).
    d1
      .prepare(
        `SELECT listing_id, id FROM deals WHERE ${OPEN_DEAL_ON("deals.listing_id", "?2")} AND listing_id IN (SELECT value FROM json_each(?1))`,
      )
      .bind(JSON.stringify(listingIds), nowIso()),
    // The units for sale each stock had at the version the file read it at, where it has moved
    // since: any entry left at that version shows them (one that moved no units keeps the version).
    d1
      .prepare(
        `SELECT DISTINCT j.sku_id, j.warehouse_id, j.version_after, j.available_after
         FROM (SELECT json_extract(value, '$[0]') AS sku, json_extract(value, '$[1]') AS wh, json_extract(value, '$[2]') AS v FROM json_each(?1)) f
         JOIN inventory i ON i.sku_id = f.sku AND i.warehouse_id = f.wh AND i.version <> f.v
         JOIN listings l ON l.id = i.sku_id AND l.seller_id = ?2
         JOIN inventory_journal j ON j.sku_id = f.sku AND j.warehouse_id = f.wh AND j.version_after = f.v`,
      )
      .bind(JSON.stringify(versioned), sellerId),
  ]);
  const openDeals = new Map((deals!.results as { listing_id: string; id: string }[]).map((d) => [d.listing_id, d.id]));
  const own = new Map((listings!.results as unknown as ListingNow[]).map((l) => [l.id, l]));
  const known = new Set((warehouses!.results as { id: string }[]).map((w) => w.id));
  const levels = new Map(
    (stock!.results as { sku_id: string; warehouse_id: string; available: number; version: number }[]).map((s) => [
      `${s.sku_id}\u0000${s.warehouse_id}`,
      s,
    ]),
  );
  const done = new Set((counted!.results as { ref: string }[]).map((r) => r.ref));
  const readAt = new Map(
    (asRead!.results as { sku_id: string; warehouse_id: string; version_after: number; available_after: number }[]).map((j) => [
      `${j.sku_id}\u0000${j.warehouse_id}\u0000${j.version_after}`,
      j.available_after,
    ]),
  );

  // Per listing, the price, MRP and status the file gives, and the row that first gave each.
  const fields = new Map<string, { price?: [number, number]; mrp?: [number, number]; active?: [boolean, number] }>();
  const pairs = new Map<string, number>();
  const stockPlans: StockPlan[] = [];
  for (const { row, input } of rows) {
    const listing = own.get(input.listing_id);
    if (!listing) {
      errors.push({ path: rowPath(row, "listing_id"), message: `You have no listing ${input.listing_id}` });
      continue;
    }
    const given = fields.get(listing.id) ?? {};
    fields.set(listing.id, given);
    for (const name of ["price", "mrp", "active"] as const) {
      const value = input[name];
      if (value === undefined) continue;
      const first = given[name];
      if (!first) (given as Record<string, [unknown, number]>)[name] = [value, row];
      else if (first[0] !== value) {
        errors.push({ path: rowPath(row, name), message: `Row ${first[1]} gives this listing another ${name === "mrp" ? "MRP" : name}` });
      }
    }
    const wh = input.warehouse_id;
    if (wh === undefined || input.available === undefined) continue;
    if (!known.has(wh)) {
      errors.push({ path: rowPath(row, "warehouse_id"), message: `No such warehouse ${wh}` });
      continue;
    }
    const pair = `${listing.id}\u0000${wh}`;
    const earlier = pairs.get(pair);
    if (earlier !== undefined) {
      errors.push({ path: rowPath(row, "warehouse_id"), message: `Row ${earlier} already sets this listing's stock in ${wh}` });
      continue;
    }
    pairs.set(pair, row);
    const level = levels.get(pair);
    const ref = bulkCountRef(sellerId, key, listing.id, wh);
    if (level?.available === input.available || done.has(ref)) continue;
    // A stale row still giving the units its stock had at the version it names was left as the
    // template wrote it (an old file sent back for its prices): nothing to count, and no conflict.
    // Those units are the journal's, at that version, not the file's word for them, so a row
    // edited since still counts, against its version, and loses as a conflict; a row naming a
    // version that never showed its figure does too. The worst a made-up pair can do is skip its
    // own count.
    const stale = input.stock_version !== undefined && level !== undefined && level.version !== input.stock_version;
    if (stale && readAt.get(`${pair}\u0000${input.stock_version}`) === input.available) continue;
    // The version the file read its figures at, when it says: units sold since the template was
    // downloaded must not be counted back as for sale.
    const version = input.stock_version ?? level?.version ?? null;
    stockPlans.push({ sku: listing.id, wh, units: input.available, version, ref });
  }

  const listingPlans: ListingPlan[] = [];
  for (const [id, given] of fields) {
    const now = own.get(id)!;
    const price = given.price?.[0] ?? now.price;
    const mrp = given.mrp?.[0] ?? now.mrp;
    if (price > mrp) {
      const [field, row] = given.price ? ["price", given.price[1]] : ["mrp", given.mrp![1]];
      errors.push({
        path: rowPath(row, field),
        message: `Price must be at most the MRP (${money(price)} is above ${money(mrp)})`,
      });
      continue;
    }
    if (tooFarBelowMrp(price, mrp)) {
      const [field, row] = given.price ? (["price", given.price[1]] as const) : (["mrp", given.mrp![1]] as const);
      errors.push({ path: rowPath(row, field), message: tooFarBelowMrpMessage(field, price, mrp) });
      continue;
    }
    const active = given.active === undefined ? now.active : given.active[0] ? 1 : 0;
    const deal = openDeals.get(id);
    if (given.active && active === 0 && now.active === 1 && deal) {
      errors.push({
        path: rowPath(given.active[1], "active"),
        message: `This listing has a flash deal (${deal}) to come or under way, so it stays on sale until its deal manager ends the deal`,
      });
      continue;
    }
    if (price === now.price && mrp === now.mrp && active === now.active) continue;
    listingPlans.push({
      id,
      productId: now.product_id,
      price: given.price ? price : null,
      mrp: given.mrp ? mrp : null,
      active: given.active ? active : null,
      turns: active === now.active ? null : active ? "on" : "off",
      seen: now.updated_at,
    });
  }
  errors.sort((a, b) => Number(a.path.split(".")[1]) - Number(b.path.split(".")[1]));
  refuseIfAny(errors);
  const productIds = new Set(listingPlans.map((l) => l.productId));
  for (const s of stockPlans) productIds.add(own.get(s.sku)!.product_id);
  return { rows, listings: listingPlans, stock: stockPlans, productIds: [...productIds] };
}

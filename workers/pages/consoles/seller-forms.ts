import { z } from "zod";
import { SELLER_DUE, type SellerDue } from "../../orders/seller-hand-over";
import { cursorParam, withQuery } from "../paging";
import { rupeesField } from "./guard";
import { listingRupees } from "./seller-new-form";

/** Shown when a price form arrives without the values it was drawn with: nothing was saved. */
export const OLD_LISTING_FORM =
  "This form came from an older copy of the page, so nothing was saved. The form now shows the listing as it is: make your change again.";

const yesNo = (message?: string) => z.enum(["true", "false"], message ? { error: message } : undefined).transform((v) => v === "true");

/**
 * The price form: rupees as typed, converted to paise before the API sees them, and the values the
 * form was drawn with (`was_*`), so only what the seller changed is sent: a form left open in one
 * tab must not put back a price or status changed since in another. The drawn values are
 * required; a form without them predates this check and is refused rather than trusted.
 */
const LOW_STOCK_AT = "Enter the low-stock alert as a whole number of units, up to 1,000,000 (0 turns alerts off).";

/** A low-stock line as typed: digits only, as coercing would read an emptied field as 0, alerts off. */
const lowStockField = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,7}$/, message)
    .transform(Number)
    .pipe(z.number().max(1_000_000, message));

export const ListingForm = z.object({
  // Bounded as a new listing's are, so ₹0 reads "At least ₹1." here too, not the API's field list.
  price: listingRupees("Enter the price in rupees", "price"),
  mrp: listingRupees("Enter the MRP in rupees", "MRP"),
  active: yesNo(),
  // Optional with its drawn value: a form drawn before the alert existed leaves the line alone.
  low_stock_at: lowStockField(LOW_STOCK_AT).optional(),
  was_price: rupeesField(OLD_LISTING_FORM),
  was_mrp: rupeesField(OLD_LISTING_FORM),
  was_active: yesNo(OLD_LISTING_FORM),
  was_low_stock_at: lowStockField(OLD_LISTING_FORM).optional(),
});

/** The fields of a price form the seller changed from what the form showed, as the PATCH body. */
export function listingChanges(form: z.infer<typeof ListingForm>): {
  price?: number;
  mrp?: number;
  active?: boolean;
  low_stock_at?: number;
} {
  const lowStockChanged =
    form.low_stock_at !== undefined && form.was_low_stock_at !== undefined && form.low_stock_at !== form.was_low_stock_at;
  return {
    ...(form.price !== form.was_price ? { price: form.price } : {}),
    ...(form.mrp !== form.was_mrp ? { mrp: form.mrp } : {}),
    ...(form.active !== form.was_active ? { active: form.active } : {}),
    ...(lowStockChanged ? { low_stock_at: form.low_stock_at } : {}),
  };
}

const UNITS = "Enter a whole number of units, up to 1,000,000.";
const RECEIVED_UNITS = "Enter the units received as a whole number from 1 to 1,000,000.";
const OLD_RECEIPT_FORM = "This form came from an older copy of the page, so nothing was added. Enter the units you received again.";
const OLD_STOCK_FORM = "This form came from an older copy of the page, so nothing was saved. Enter the count again.";

/**
 * The stock form: units for sale in one warehouse, the stock version the form was drawn from
 * (so a count made on a stale page cannot undo a sale since) and a per-form key (so a double
 * submit counts once). Both are optional: a form drawn before they existed still posts. A form
 * stocking a warehouse the listing has no stock in yet has no version to send; it says `first`
 * instead, so two tabs stocking the same new warehouse cannot both set it.
 */
export const StockForm = z.object({
  warehouse_id: z.string().min(1, "Choose a warehouse to stock.").max(64),
  // Digits only: coercing would read an emptied field as a count of zero.
  available: z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, UNITS)
    .transform(Number)
    .pipe(z.number().max(1_000_000, UNITS)),
  version: z
    .string()
    .regex(/^\d{1,15}$/, OLD_STOCK_FORM)
    .optional(),
  first: z.literal("1", OLD_STOCK_FORM).optional(),
  key: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,128}$/, OLD_STOCK_FORM)
    .optional(),
});

/**
 * The received-units form: units that arrived at one warehouse, added to what is for sale. It
 * carries no stock version, as an addition is right however the stock moved since the page was
 * drawn, but it must carry the key drawn with it: that key is all that keeps a double submit
 * from adding the units twice, so a form without one is refused rather than posted unkeyed.
 */
export const ReceiptForm = z.object({
  warehouse_id: z.string().min(1, "Choose the warehouse the units arrived at.").max(64),
  units: z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, RECEIVED_UNITS)
    .transform(Number)
    .pipe(z.number().min(1, RECEIVED_UNITS).max(1_000_000, RECEIVED_UNITS)),
  key: z.string({ error: OLD_RECEIPT_FORM }).regex(/^[A-Za-z0-9-]{8,128}$/, OLD_RECEIPT_FORM),
});

/** The conditional headers of the stock API call a stock form makes. */
export function stockHeaders(form: z.infer<typeof StockForm>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (form.version) headers["if-match"] = `"${form.version}"`;
  else if (form.first) headers["if-none-match"] = "*";
  if (form.key) headers["idempotency-key"] = form.key;
  return headers;
}

/** Where the seller console's lists stand: carried through every form so a save keeps the seller's page. */
export interface ConsolePlace {
  cursor?: string | undefined;
  orders_cursor?: string | undefined;
  /** Set when the order list shows only this order (a message about it links there). */
  order?: string | undefined;
  /** Set when the console shows only the seller's listing of this product (after listing it, or from the catalog search). */
  product?: string | undefined;
  /** "low" when the console shows only the listings running low or sold out. */
  stock?: "low" | undefined;
  /** Set when the order list shows only the orders late or due today; one order asked for by id wins over it. */
  due?: SellerDue | undefined;
}

// Listing and product ids are catalog ids of at most 64 characters; a longer one could only end in a 400.
const catalogIdParam = (value: string | undefined) => {
  const id = cursorParam(value);
  return id && id.length <= 64 ? id : undefined;
};

// An order id the API would refuse is dropped: the console then lists every order rather than an error.
const orderIdParam = (value: string | undefined) => (value && /^ord_[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined);

/** The page positions in a console URL's query, dropping anything that is not a cursor or a product id. */
export function placeOf(query: (name: string) => string | undefined): ConsolePlace {
  const order = orderIdParam(query("order"));
  return {
    cursor: catalogIdParam(query("cursor")),
    orders_cursor: cursorParam(query("orders_cursor")),
    order,
    product: catalogIdParam(query("product")),
    stock: query("stock") === "low" ? "low" : undefined,
    // The API answers one order or the orders due, not both: the order a message linked to wins.
    due: order === undefined ? SELLER_DUE.find((d) => d === query("due")) : undefined,
  };
}

/** `path` with the seller's place in the lists (and any extra parameters) in its query. */
export function atPlace(path: string, place: ConsolePlace, extra: Record<string, string> = {}): string {
  return withQuery(path, {
    ...extra,
    product: place.product,
    stock: place.stock,
    cursor: place.cursor,
    orders_cursor: place.orders_cursor,
    order: place.order,
    due: place.due,
  });
}

/** A failed form's messages as one sentence each, without repeats. */
export function formError(error: z.ZodError): string {
  const sentences = error.issues.map((i) => (/[.!?]$/.test(i.message) ? i.message : `${i.message}.`));
  return [...new Set(sentences)].join(" ");
}

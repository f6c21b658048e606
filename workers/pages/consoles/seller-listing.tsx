import { money } from "../format";
import { CsrfField } from "../layout";
import { atPlace, type ConsolePlace } from "./seller-forms";

/** One warehouse's stock of a listing as the seller API returns it. */
export interface SellerStock {
  warehouse_id: string;
  warehouse_name?: string;
  available: number;
  reserved?: number;
  allocated?: number;
  sold?: number;
  version?: number;
}

/** A seller's listing as the seller API returns it. */
export interface SellerListing {
  id: string;
  product_id?: string;
  title?: string;
  product_title?: string;
  price: number;
  mrp: number;
  active: boolean;
  /** Units for sale at or under which the seller is told it runs low; 0: no alerts. */
  low_stock_at?: number;
  /** Units for sale are at or under `low_stock_at`. */
  low_stock?: boolean;
  stock?: SellerStock[];
  /** Whether shoppers see this offer first on the product page, and at what price another seller's is. */
  buy_box?: { status: "yours" | "other_seller" | "inactive" | "out_of_stock"; price?: number; note: string };
}

/** A warehouse the seller may stock, as GET /api/seller/warehouses lists it. */
export interface SellerWarehouse {
  id: string;
  name: string;
  city: string;
}

interface PanelProps {
  listing: SellerListing;
  /** Every warehouse the seller may stock; those the listing has no stock in yet get the add form. */
  warehouses: SellerWarehouse[];
  csrf: string | null | undefined;
  place: ConsolePlace;
  /** The listing is shown on its own: its note and price form are open, not folded away. */
  alone?: boolean;
  /** What was typed into this listing's form that was refused, to draw it again as it was left. */
  draft?: ListingDraft;
}

/**
 * A refused form's fields, as typed: the price form's (`price`, `mrp`, `active`, `low_stock_at`),
 * one warehouse's stock count (`warehouse_id`, `available`) or units received (`warehouse_id`, `units`).
 */
export interface ListingDraft {
  listingId: string;
  fields: Record<string, string>;
}

/** A form's typed value of `name` if it was refused with one, else the value as saved. */
const typedOr = (draft: ListingDraft | undefined, name: string, saved: string) => draft?.fields[name] ?? saved;

const sum = (stock: SellerStock[], pick: (s: SellerStock) => number | undefined) => stock.reduce((n, s) => n + (pick(s) ?? 0), 0);

/**
 * The buy box in a word or two for the listing's heading; a sold-out listing already carries its
 * low-stock tag, which says as much.
 */
function buyBoxTag(l: SellerListing, soldOutTagged: boolean): string | null {
  switch (l.buy_box?.status) {
    case "yours":
      return "Shown first";
    case "other_seller":
      return l.buy_box.price === undefined ? "Another seller shown first" : `Another seller at ${money(l.buy_box.price)}`;
    case "inactive":
      return "Inactive";
    case "out_of_stock":
      return soldOutTagged ? null : "Out of stock";
    default:
      return null;
  }
}

/** One listing in the seller console: its summary, the price form and a stock form per warehouse. */
export function ListingPanel({ listing: l, warehouses, csrf, place, alone, draft: anyDraft }: PanelProps) {
  const draft = anyDraft?.listingId === l.id ? anyDraft : undefined;
  // A count is drawn again only in the warehouse's own form it was typed into, received units in theirs.
  const receiptDraft = draft?.fields.units !== undefined ? draft : undefined;
  const countDraft = !receiptDraft && draft?.fields.warehouse_id !== undefined ? draft : undefined;
  const priceDraft = countDraft || receiptDraft ? undefined : draft;
  const stock = l.stock ?? [];
  const stocked = new Set(stock.map((s) => s.warehouse_id));
  const unstocked = warehouses.filter((w) => !stocked.has(w.id));
  // Units may arrive where the listing is stocked or somewhere new; without the warehouse list the
  // stocked ones are still offered.
  // Every warehouse named one way, with its city where the warehouse list gives it: two sellers'
  // "FC"s are told apart by their cities.
  const cities = new Map(warehouses.map((w) => [w.id, w.city]));
  const named = (id: string, name: string | undefined) => {
    const city = cities.get(id);
    return city ? `${name ?? id}, ${city}` : (name ?? id);
  };
  const receivable = [
    ...stock.map((s) => ({ id: s.warehouse_id, name: named(s.warehouse_id, s.warehouse_name) })),
    ...unstocked.map((w) => ({ id: w.id, name: named(w.id, w.name) })),
  ];
  // A listing stocked in one warehouse almost always receives there: chosen already, one step fewer mid-sale.
  const usual = stock.length === 1 ? stock[0]?.warehouse_id : undefined;
  const stockAction = atPlace(`/seller/listings/${encodeURIComponent(l.id)}/stock`, place);
  const setAside = sum(stock, (s) => s.allocated);
  const title = l.product_title ?? l.title ?? l.id;
  const forSale = sum(stock, (s) => s.available);
  const soldOutTagged = Boolean(l.low_stock) && forSale === 0;
  const tag = buyBoxTag(l, soldOutTagged);
  return (
    <li class="panel" data-listing-id={l.id} data-product-id={l.product_id}>
      <h2>
        {l.product_id ? <a href={`/products/${encodeURIComponent(l.product_id)}`}>{title}</a> : title}
        {l.low_stock && (
          <>
            {" "}
            <span class="tag" data-low-stock>
              {forSale > 0 ? "Low stock" : "Sold out"}
            </span>
          </>
        )}
        {tag && (
          <>
            {" "}
            {/* On the list it leads to the listing on its own, where the note and the price form are. */}
            {alone || !l.product_id ? (
              <span class="tag" data-buy-box={l.buy_box?.status}>
                {tag}
              </span>
            ) : (
              <a class="tag" data-buy-box={l.buy_box?.status} href={`/seller?product=${encodeURIComponent(l.product_id)}`}>
                {tag}
              </a>
            )}
          </>
        )}
      </h2>
      <p class="muted" data-listing-summary>
        {l.active ? "Active" : "Inactive"} · {money(l.price)} (MRP {money(l.mrp)}) · {forSale} for sale
        {setAside > 0 && ` · ${setAside} set aside for deals`}
      </p>
      <details open={alone || draft !== undefined}>
        <summary>Edit price, status and stock</summary>
        <p class="muted">Listing {l.id}</p>
        {l.buy_box && <p data-buy-box-note>{l.buy_box.note}</p>}
        <form method="post" action={atPlace(`/seller/listings/${encodeURIComponent(l.id)}`, place)} class="row-form">
          <CsrfField token={csrf} />
          {/* What the form showed: the page sends only the fields changed from these. */}
          <input type="hidden" name="was_price" value={(l.price / 100).toFixed(2)} />
          <input type="hidden" name="was_mrp" value={(l.mrp / 100).toFixed(2)} />
          <input type="hidden" name="was_active" value={String(l.active)} />
          {l.low_stock_at !== undefined && <input type="hidden" name="was_low_stock_at" value={String(l.low_stock_at)} />}
          <label>
            Price (₹) <input name="price" inputmode="decimal" required value={typedOr(priceDraft, "price", (l.price / 100).toFixed(2))} />
          </label>
          <label>
            MRP (₹) <input name="mrp" inputmode="decimal" required value={typedOr(priceDraft, "mrp", (l.mrp / 100).toFixed(2))} />
          </label>
          <label>
            Status{" "}
            <select name="active">
              <option value="true" selected={typedOr(priceDraft, "active", String(l.active)) === "true"}>
                Active
              </option>
              <option value="false" selected={typedOr(priceDraft, "active", String(l.active)) !== "true"}>
                Inactive
              </option>
            </select>
          </label>
          {l.low_stock_at !== undefined && (
            <label>
              Tell me when units for sale fall to{" "}
              <input
                type="number"
                name="low_stock_at"
                min="0"
                max="1000000"
                required
                value={typedOr(priceDraft, "low_stock_at", String(l.low_stock_at))}
              />{" "}
              <span class="muted">(0: never)</span>
            </label>
          )}
          <button type="submit">Save</button>
        </form>
        {/*
          The count sets units for sale, not the shelf: units held in checkouts or set aside for a
          deal are still on the shelf but already promised, and a shelf count taken as "for sale"
          would sell them twice. Deriving for-sale from a shelf count (shelf - held - set aside)
          would look simpler but is wrong by every sold unit not yet dispatched, which the ledger
          cannot tell from one that has left, so the form asks for the number it sets and shows
          what to leave out.
        */}
        <p class="muted" data-stock-help>
          Set the units for sale now in each warehouse. Leave out units held in shoppers' checkouts and units set aside for deals: they are
          still on your shelf but already promised.
        </p>
        {stock.map((s) => (
          <form method="post" action={stockAction} class="row-form" data-warehouse-id={s.warehouse_id}>
            <CsrfField token={csrf} />
            <input type="hidden" name="warehouse_id" value={s.warehouse_id} />
            {typeof s.version === "number" && <input type="hidden" name="version" value={String(s.version)} />}
            <input type="hidden" name="key" value={crypto.randomUUID()} />
            <label>
              For sale at {named(s.warehouse_id, s.warehouse_name)}{" "}
              <input
                type="number"
                name="available"
                min="0"
                required
                value={
                  countDraft?.fields.warehouse_id === s.warehouse_id
                    ? typedOr(countDraft, "available", String(s.available))
                    : String(s.available)
                }
              />
            </label>
            <span class="muted" data-stock-figures>
              {s.reserved ?? 0} held in checkouts · {s.allocated ?? 0} set aside for deals · {s.sold ?? 0} sold
            </span>
            <button type="submit">Set stock</button>
          </form>
        ))}
        {unstocked.length > 0 && (
          <form method="post" action={stockAction} class="row-form" data-stock-new>
            <CsrfField token={csrf} />
            {/* No version to match yet: the API refuses this count if the warehouse was stocked since. */}
            <input type="hidden" name="first" value="1" />
            <input type="hidden" name="key" value={crypto.randomUUID()} />
            <label>
              {stock.length === 0 ? "Stock in" : "Also stock in"}{" "}
              <select name="warehouse_id" required>
                <option value="">Choose a warehouse</option>
                {unstocked.map((w) => (
                  <option value={w.id}>
                    {w.name}, {w.city}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Units for sale <input type="number" name="available" min="0" required />
            </label>
            <button type="submit">Add stock</button>
          </form>
        )}
        {receivable.length > 0 && (
          <>
            <p class="muted" data-receipt-help>
              Units that just arrived at a warehouse: they are added to what is for sale, however much sold since this page was loaded.
            </p>
            <form
              method="post"
              action={atPlace(`/seller/listings/${encodeURIComponent(l.id)}/stock/receipts`, place)}
              class="row-form"
              data-stock-receipt
            >
              <CsrfField token={csrf} />
              {/* Drawn once per page: a double submit of this form adds its units once. */}
              <input type="hidden" name="key" value={crypto.randomUUID()} />
              <label>
                Received at{" "}
                <select name="warehouse_id" required>
                  <option value="">Choose a warehouse</option>
                  {receivable.map((w) => (
                    <option value={w.id} selected={w.id === (receiptDraft?.fields.warehouse_id ?? usual)}>
                      {w.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Received units <input type="number" name="units" min="1" max="1000000" required value={receiptDraft?.fields.units} />
              </label>
              <button type="submit">Add received units</button>
            </form>
          </>
        )}
      </details>
    </li>
  );
}

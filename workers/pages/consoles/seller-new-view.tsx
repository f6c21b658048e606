import { FieldError, invalidAttrs } from "../field-error";
import { availabilityLabel, money } from "../format";
import { CsrfField } from "../layout";
import type { ProductCardData, ProductDetail } from "../types";
import { NO_STOCK_YET, type NewListingState } from "./seller-new-form";
import type { SellerWarehouse } from "./seller-listing";

/** Where a seller's own listing of a product is shown: the console, narrowed to that product. */
export const ownListingPath = (productId: string) => `/seller?product=${encodeURIComponent(productId)}`;

/** Where the "Sell this" form for a product is. */
export const sellThisPath = (productId: string) => `/seller/new/${encodeURIComponent(productId)}`;

/** The catalog search box of the new-listing page. */
export function CatalogSearch(props: { q: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the <search> element is too new for many phones' browsers
    <form method="get" action="/seller/new" role="search" aria-label="Catalog" class="row-form catalog-search" data-catalog-search>
      <label class="field">
        Find the product in the catalog
        <input type="search" name="q" value={props.q} maxlength={200} required placeholder="Title, brand or model" />
      </label>
      <button type="submit">Search the catalog</button>
    </form>
  );
}

/**
 * One page of catalog matches, each with the best price shoppers see now, so the seller can price
 * against it, and "Sell this", or a link to the seller's own listing where they already sell it.
 */
export function CatalogResults(props: { q: string; items: ProductCardData[]; listed: Map<string, string> }) {
  if (props.items.length === 0) {
    return (
      <p class="panel" data-no-matches>
        No catalog product matches “{props.q}”. Try the brand and model, as shoppers would search for them.
      </p>
    );
  }
  return (
    <ul class="console-list" data-catalog-results aria-label={`Catalog products matching ${props.q}`}>
      {props.items.map((p) => (
        <li class="panel" data-product-id={p.id}>
          <h2>
            <a href={`/products/${encodeURIComponent(p.id)}`}>{p.title}</a>
          </h2>
          <p class="muted" data-best-price>
            {p.brand ? `${p.brand} · ` : ""}
            {typeof p.price === "number" && p.price > 0
              ? `Best price now ${money(p.price)}${p.mrp ? ` (MRP ${money(p.mrp)})` : ""} · ${availabilityLabel(p.availability)}`
              : "No offers yet"}
          </p>
          {props.listed.has(p.id) ? (
            <p data-already-listed>
              You already sell this. <a href={ownListingPath(p.id)}>Go to your listing</a> to change its price or stock.
            </p>
          ) : (
            <a class="button primary" href={sellThisPath(p.id)} data-sell-this>
              Sell this<span class="visually-hidden">: {p.title}</span>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The product being listed, with what shoppers pay for it now. */
export function ProductSummary(props: { product: ProductDetail }) {
  const p = props.product;
  const best = p.buy_box;
  const sellers = p.offers?.length ?? 0;
  return (
    <p class="muted" data-product-summary>
      {p.brand ? `${p.brand} · ` : ""}
      {best
        ? `Best price now ${money(best.price)}${best.mrp ? ` (MRP ${money(best.mrp)})` : ""} from ${sellers} seller${sellers === 1 ? "" : "s"}`
        : "No one sells this yet"}{" "}
      · <a href={`/products/${encodeURIComponent(p.id)}`}>See the product page</a>
    </p>
  );
}

interface FormProps {
  productId: string;
  warehouses: SellerWarehouse[];
  csrf: string | null | undefined;
  state: NewListingState;
  /** The best offer's MRP, as a starting value: the MRP is printed on the pack, so sellers of one product share it. */
  suggestedMrp?: number | undefined;
}

/**
 * A text field of the form with its hint and message. The label is tied by `for` rather than
 * wrapping, so the hint is read once, as the description, not again as part of the name.
 */
function TextField(props: { name: "price" | "mrp" | "units"; label: string; value: string; error?: string | undefined; hint?: string }) {
  const id = `new-${props.name}`;
  const hintId = `${props.name}-hint`;
  const invalid = invalidAttrs(props.name, Boolean(props.error));
  const describedBy = [props.hint ? hintId : "", invalid["aria-describedby"] ?? ""].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && (
        <span class="muted" id={hintId}>
          {props.hint}
        </span>
      )}
      <input
        id={id}
        name={props.name}
        inputmode={props.name === "units" ? "numeric" : "decimal"}
        value={props.value}
        required={props.name !== "units"}
        {...invalid}
        aria-describedby={describedBy || undefined}
      />
      <FieldError field={props.name} message={props.error} />
    </div>
  );
}

/**
 * The opening stock: a warehouse and its units, which come as a pair. A seller with one warehouse
 * has it chosen already, so typing the units is enough; with several, none is guessed.
 */
function OpeningStock(props: { warehouses: SellerWarehouse[]; state: NewListingState }) {
  const { values = {}, errors = {} } = props.state;
  // A refused form keeps the seller's own choice, “No stock yet” included.
  const chosen = values.warehouse_id ?? (props.warehouses.length === 1 ? props.warehouses[0]?.id : "");
  return (
    <fieldset>
      <legend>Opening stock (optional)</legend>
      <p class="muted">
        Units for sale now in one warehouse; to list without stock, leave the units blank. You can stock more warehouses from the listing's
        panel later.
      </p>
      <label class="field">
        Warehouse
        <select name="warehouse_id" {...invalidAttrs("warehouse_id", Boolean(errors.warehouse_id))}>
          <option value="" selected={chosen === ""}>
            {NO_STOCK_YET}
          </option>
          {props.warehouses.map((w) => (
            <option value={w.id} selected={chosen === w.id}>
              {w.name}, {w.city}
            </option>
          ))}
        </select>
        <FieldError field="warehouse_id" message={errors.warehouse_id} />
      </label>
      <TextField name="units" label="Units for sale" value={values.units ?? ""} error={errors.units} />
    </fieldset>
  );
}

/** The "Sell this" form: price, MRP and status, and optionally the opening stock in one warehouse. */
export function NewListingFormView(props: FormProps) {
  const { values = {}, errors = {} } = props.state;
  const mrp = values.mrp ?? (props.suggestedMrp ? (props.suggestedMrp / 100).toFixed(2) : "");
  const active = values.active !== "false";
  return (
    <form method="post" action="/seller/listings" class="stack" data-new-listing>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="product_id" value={props.productId} />
      {/* Drawn once with the form and kept through a refusal: however often it is sent, one listing. */}
      <input type="hidden" name="key" value={values.key || crypto.randomUUID()} />
      <TextField
        name="price"
        label="Your price (₹)"
        value={values.price ?? ""}
        error={errors.price}
        hint="What shoppers pay you, like 1299 or 1,299.50"
      />
      <TextField name="mrp" label="MRP (₹)" value={mrp} error={errors.mrp} hint="The maximum retail price printed on the pack" />
      <label class="field">
        Status
        <select name="active" {...invalidAttrs("active", Boolean(errors.active))}>
          <option value="true" selected={active}>
            Active: on sale once it has stock
          </option>
          <option value="false" selected={!active}>
            Inactive: saved, not on sale yet
          </option>
        </select>
        <FieldError field="active" message={errors.active} />
      </label>
      {props.warehouses.length > 0 && <OpeningStock warehouses={props.warehouses} state={props.state} />}
      <button type="submit" class="primary">
        List this product
      </button>
    </form>
  );
}

import { problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";
import { availabilityLabel, money, offerSeller } from "../format";
import { withQuery } from "../paging";
import type { Offer } from "../types";
import type { OfferSearch, ProductOffers } from "./offer-search";
import { type OfferStock, type StockByListing, stockInWords } from "./offer-stock";

/** What the console's query asks of the picker: the words searched for, and the offer picked. */
export interface OfferPick {
  find?: string | undefined;
  product?: string | undefined;
  listing?: string | undefined;
  /** The deal the form copies, kept through searching and picking so the copy's settings stay. */
  like?: string | undefined;
}

/**
 * The link that picks an offer: the console again with the search kept and the create form's
 * listing set, landing on the form. It carries the pick and the deal copied, if any, never the
 * form's other fields: the copy's are drawn again from the deal.
 */
export function pickHref(find: string | undefined, productId: string, listingId: string, like?: string | undefined): string {
  return `${withQuery("/deals-console", { like, find, product: productId, listing: listingId })}#new-deal-h`;
}

/** The exact units a deal can carve from an offer, or that they are not known when the read failed. */
function DealUnitsCell(props: { stock: OfferStock | undefined }) {
  if (!props.stock) return <td class="muted words">Not known</td>;
  const { carve, split } = stockInWords(props.stock);
  return (
    <td class="words" data-deal-units={props.stock.dealUnits}>
      {carve}
      {split && <span class="muted"> ({split})</span>}
    </td>
  );
}

function OfferRow(props: {
  offer: Offer;
  productId: string;
  find: string | undefined;
  picked: string | undefined;
  like: string | undefined;
  stock: OfferStock | undefined;
}) {
  const { offer: o, stock } = props;
  // The exact figure decides when it is known; the band is what is left when it is not.
  const noStock = stock ? stock.dealUnits === 0 : o.availability === "sold_out";
  return (
    <tr data-listing-id={o.listing_id}>
      <td class="words">{offerSeller(o)}</td>
      <td class="amount">{money(o.price)}</td>
      <td class="amount">{money(o.mrp)}</td>
      <td class="words">{availabilityLabel(o.availability)}</td>
      <DealUnitsCell stock={stock} />
      <td>
        <code>{o.listing_id}</code>
      </td>
      <td class="words">
        {o.listing_id === props.picked ? (
          <strong>In the form</strong>
        ) : noStock ? (
          // A deal sets units aside from stock: an offer with none cannot have one.
          <span class="muted">No stock for a deal</span>
        ) : (
          <a href={pickHref(props.find, props.productId, o.listing_id, props.like)}>
            Use this offer
            <span class="visually-hidden">
              {" "}
              from {offerSeller(o)} at {money(o.price)}
            </span>
          </a>
        )}
      </td>
    </tr>
  );
}

function ProductOfferTable(props: {
  found: ProductOffers;
  find: string | undefined;
  picked: string | undefined;
  like: string | undefined;
  stock: StockByListing;
}) {
  const { product, offers } = props.found;
  return (
    <TableScroll label={`Offers of ${product.title}`}>
      <table class="data" data-offer-product={product.id}>
        <caption>
          {product.title}
          {product.brand && <span class="muted"> · {product.brand}</span>}
        </caption>
        <ColumnHeads columns={["Seller", "Price", "MRP", "Shoppers see", "Units for a deal", "Listing id", "Offer"]} />
        <tbody>
          {offers.length === 0 && (
            <tr>
              <td colspan={7}>No seller offers this right now.</td>
            </tr>
          )}
          {offers.map((o) => (
            <OfferRow
              offer={o}
              productId={product.id}
              find={props.find}
              picked={props.picked}
              like={props.like}
              stock={props.stock.get(o.listing_id)}
            />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function SearchOutcome(props: {
  find: string;
  search: OfferSearch;
  picked: string | undefined;
  like: string | undefined;
  stock: StockByListing;
}) {
  const { find, search } = props;
  if (!search.ok)
    return (
      <p class="error" role="alert">
        {problemMessage(search.problem)}
      </p>
    );
  if (search.products.length === 0) return <p role="status">No products match “{find}”.</p>;
  return (
    <>
      {search.corrected && (
        <p>
          Showing products for <strong>{search.corrected}</strong>.
        </p>
      )}
      {search.relaxed && !search.corrected && <p>No product matches every word, so here are the closest ones.</p>}
      {search.products.map((found) => (
        <ProductOfferTable found={found} find={find} picked={props.picked} like={props.like} stock={props.stock} />
      ))}
    </>
  );
}

/**
 * The create form's first step: find a product in the catalog and pick one of its offers, so a
 * manager never has to know a listing id. A plain GET form and links, so it works without scripts.
 */
export function OfferPicker(props: { pick: OfferPick; search: OfferSearch | null; stock: StockByListing }) {
  const { find, listing, like } = props.pick;
  return (
    <section class="panel" aria-labelledby="find-offer-h">
      <h2 id="find-offer-h">Find the product on deal</h2>
      <p class="muted">Search the catalog, then pick the seller's offer the deal sells. Or enter a listing id in the form below.</p>
      {/* The deals table comes first on the console: the answer lands on the picker, where its offers are. */}
      {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too new for many phones' browsers */}
      <form method="get" action="/deals-console#find-offer-h" role="search" aria-label="Catalog" class="row-form catalog-search">
        <label>
          Product <input type="search" name="find" value={find ?? ""} required maxlength={200} placeholder="Title, brand or model" />
        </label>
        {/* Searching again keeps the offer already in the form until another is picked. */}
        {props.pick.product && listing && (
          <>
            <input type="hidden" name="product" value={props.pick.product} />
            <input type="hidden" name="listing" value={listing} />
          </>
        )}
        {/* Searching from a copy keeps copying: the form is drawn like the deal again, not afresh. */}
        {like && <input type="hidden" name="like" value={like} />}
        <button type="submit">Find offers</button>
      </form>
      {find && props.search && <SearchOutcome find={find} search={props.search} picked={listing} like={like} stock={props.stock} />}
    </section>
  );
}
